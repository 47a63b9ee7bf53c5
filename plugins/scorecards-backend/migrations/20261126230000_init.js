// @ts-check

/**
 * Scorecards: facts, current results, daily snapshots, exemptions and
 * campaigns. Times are UTC ISO-8601 strings (sortable as text, identical on
 * SQLite and PostgreSQL); days are YYYY-MM-DD.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('facts', table => {
    table.comment(
      'Last known fact per entity: posted by CI or read from plugins',
    );
    table.string('entity_ref', 255).notNullable().comment('Catalog entity ref');
    table
      .string('name', 64)
      .notNullable()
      .comment('testCoverage, vulnerabilities, drift, dora-<days>, friction');
    table.text('value').notNullable().comment('The fact as JSON');
    table
      .string('measured_at', 40)
      .notNullable()
      .comment('When it was measured');
    table.string('source', 255).notNullable().comment('Who sent or read it');
    table.primary(['entity_ref', 'name']);
  });

  await knex.schema.createTable('results', table => {
    table.comment('Current level and checks of each entity per scorecard');
    table.string('entity_ref', 255).notNullable().comment('Catalog entity ref');
    table.string('scorecard_id', 64).notNullable().comment('Scorecard name');
    table.string('owner_ref', 255).nullable().comment('Owner at evaluation');
    table
      .integer('level_index')
      .notNullable()
      .comment('0 below the first level');
    table
      .text('failed_checks')
      .notNullable()
      .comment('Ids of failed (not exempt) checks, comma-separated');
    table.text('checks').notNullable().comment('Check results as JSON');
    table.string('evaluated_at', 40).notNullable().comment('When evaluated');
    table.primary(['entity_ref', 'scorecard_id']);
    table.index(['owner_ref'], 'results_owner_idx');
  });

  await knex.schema.createTable('snapshots', table => {
    table.comment('Daily level of every entity per scorecard, kept 400 days');
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table.string('entity_ref', 255).notNullable().comment('Catalog entity ref');
    table.string('scorecard_id', 64).notNullable().comment('Scorecard name');
    table.string('owner_ref', 255).nullable().comment('Owner that day');
    table
      .integer('level_index')
      .notNullable()
      .comment('0 below the first level');
    table.primary(['day', 'entity_ref', 'scorecard_id']);
    table.index(['scorecard_id', 'day'], 'snapshots_scorecard_day_idx');
  });

  await knex.schema.createTable('exemptions', table => {
    table.comment('A service exempt from one check until a day');
    table.string('id', 36).primary().comment('UUID');
    table.string('entity_ref', 255).notNullable().comment('Catalog entity ref');
    table.string('scorecard_id', 64).notNullable().comment('Scorecard name');
    table.string('check_id', 64).notNullable().comment('Check id');
    table.text('reason').notNullable().comment('Why, 3..1000 characters');
    table
      .string('expires_on', 10)
      .notNullable()
      .comment('Last day it holds (UTC)');
    table.string('created_by', 255).notNullable().comment('User entity ref');
    table.string('created_at', 40).notNullable().comment('When created');
    table.string('revoked_at', 40).nullable().comment('When withdrawn');
    table.index(['entity_ref'], 'exemptions_entity_idx');
  });

  await knex.schema.createTable('campaigns', table => {
    table.comment('A target level for a set of services by a deadline');
    table.string('id', 36).primary().comment('UUID');
    table.string('title', 200).notNullable().comment('Title');
    table.string('scorecard_id', 64).notNullable().comment('Scorecard name');
    table.string('target_level', 40).notNullable().comment('Level name');
    table
      .integer('target_index')
      .notNullable()
      .comment('Level index (1-based)');
    table.string('deadline', 10).notNullable().comment('UTC day');
    table.text('scope').notNullable().comment('Entity selector as JSON');
    table.string('created_by', 255).notNullable().comment('User entity ref');
    table.string('created_at', 40).notNullable().comment('When started');
    table
      .string('week_notice_at', 40)
      .nullable()
      .comment('When owners were told the deadline is a week away');
  });

  await knex.schema.createTable('campaign_services', table => {
    table.comment('Services in a campaign, fixed when it starts');
    table.string('campaign_id', 36).notNullable().comment('Campaign id');
    table.string('entity_ref', 255).notNullable().comment('Catalog entity ref');
    table.string('owner_ref', 255).nullable().comment('Owner at the start');
    table.primary(['campaign_id', 'entity_ref']);
    table.index(['entity_ref'], 'campaign_services_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('campaign_services');
  await knex.schema.dropTable('campaigns');
  await knex.schema.dropTable('exemptions');
  await knex.schema.dropTable('snapshots');
  await knex.schema.dropTable('results');
  await knex.schema.dropTable('facts');
};

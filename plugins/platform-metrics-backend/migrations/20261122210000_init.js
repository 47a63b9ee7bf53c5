// @ts-check

/**
 * Delivery events (the source of truth) and the daily rollups derived from
 * them. Times are UTC ISO-8601 strings (2026-11-22T08:00:00.000Z) and days are
 * UTC dates (2026-11-22), identical on SQLite and PostgreSQL and sortable as
 * text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  /** @param {import('knex').Knex.CreateTableBuilder} table */
  const mapping = table => {
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Catalog entity the event belongs to; null while unmapped');
    table
      .string('mapping_kind', 16)
      .nullable()
      .comment("What mapping_key is: 'repository' or 'pagerduty'");
    table
      .string('mapping_key', 255)
      .nullable()
      .comment(
        'Repository slug (owner/name) or PagerDuty service id as received',
      );
    table
      .string('received_at', 30)
      .notNullable()
      .comment('When the portal received the event (first time)');
  };

  await knex.schema.createTable('pm_deployments', table => {
    table.comment('Deployments received from CI/CD, GitHub or the API');
    table.increments('id').comment('Internal id');
    table.string('source', 16).notNullable().comment('api, github or demo');
    table
      .string('external_id', 200)
      .notNullable()
      .comment('Id given by the source; unique per source');
    mapping(table);
    table
      .string('environment', 100)
      .notNullable()
      .comment('Target environment');
    table
      .boolean('is_production')
      .notNullable()
      .comment('Whether environment is one of the production names');
    table.string('status', 16).notNullable().comment('success or failure');
    table
      .string('deployed_at', 30)
      .notNullable()
      .comment('Deployment time, UTC');
    table.string('day', 10).notNullable().comment('UTC date of deployed_at');
    table.boolean('rollback').notNullable().comment('Deployment is a rollback');
    table.boolean('hotfix').notNullable().comment('Deployment is a hotfix');
    table.unique(['source', 'external_id']);
    table.index(['entity_ref', 'day'], 'pm_deployments_entity_day_idx');
    table.index(['external_id'], 'pm_deployments_external_idx');
    table.index(['day'], 'pm_deployments_day_idx');
  });

  await knex.schema.createTable('pm_deployment_commits', table => {
    table.comment('Commits shipped by each deployment');
    table
      .integer('deployment_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('pm_deployments')
      .onDelete('CASCADE')
      .comment('pm_deployments.id');
    table.string('sha', 64).notNullable().comment('Commit SHA, lower case');
    table.primary(['deployment_id', 'sha']);
    table.index(['sha'], 'pm_deployment_commits_sha_idx');
  });

  await knex.schema.createTable('pm_changes', table => {
    table.comment('Changes (commits) received from Git hosts or the API');
    table.string('sha', 64).primary().comment('Commit SHA, lower case');
    table.string('source', 16).notNullable().comment('api, github or demo');
    mapping(table);
    table.string('authored_at', 30).notNullable().comment('Commit time, UTC');
    table.string('merged_at', 30).nullable().comment('Merge time, UTC');
    table
      .string('head_sha', 64)
      .nullable()
      .comment('Head commit of the push that brought this commit');
    table.string('title', 500).nullable().comment('Commit or PR title');
    table.index(['head_sha'], 'pm_changes_head_idx');
    table.index(['entity_ref', 'authored_at'], 'pm_changes_entity_idx');
  });

  await knex.schema.createTable('pm_incidents', table => {
    table.comment(
      'Incidents received from PagerDuty, GitHub issues or the API',
    );
    table.increments('id').comment('Internal id');
    table
      .string('source', 16)
      .notNullable()
      .comment('api, github, pagerduty or demo');
    table
      .string('external_id', 200)
      .notNullable()
      .comment('Id given by the source; unique per source');
    mapping(table);
    table.string('title', 500).nullable().comment('Incident title');
    table.string('created_at', 30).notNullable().comment('Opened, UTC');
    table
      .string('resolved_at', 30)
      .nullable()
      .comment('Resolved, UTC; null while open');
    table
      .string('resolved_day', 10)
      .nullable()
      .comment('UTC date of resolved_at');
    table
      .string('cause_deployment_id', 200)
      .nullable()
      .comment('external_id of the deployment named as the cause');
    table
      .string('cause_commit_sha', 64)
      .nullable()
      .comment('Commit named as the cause (its first deployment failed)');
    table.unique(['source', 'external_id']);
    table.index(['entity_ref', 'resolved_day'], 'pm_incidents_entity_day_idx');
    table.index(['cause_deployment_id'], 'pm_incidents_cause_dep_idx');
    table.index(['cause_commit_sha'], 'pm_incidents_cause_sha_idx');
  });

  await knex.schema.createTable('pm_daily_rollups', table => {
    table.comment(
      'Per entity and UTC day, derived from the event tables; rebuildable',
    );
    table.string('entity_ref', 255).notNullable().comment('Catalog entity');
    table.string('day', 10).notNullable().comment('UTC date');
    table
      .integer('deployments')
      .notNullable()
      .comment('Production deployments');
    table
      .integer('successful')
      .notNullable()
      .comment('Successful production deployments');
    table
      .integer('failed')
      .notNullable()
      .comment('Production deployments that failed or caused an incident');
    table.integer('rework').notNullable().comment('Rollbacks and hotfixes');
    table
      .text('lead_time_seconds')
      .notNullable()
      .comment('Comma-separated lead times of changes first deployed that day');
    table
      .text('restore_seconds')
      .notNullable()
      .comment('Comma-separated restore times of incidents resolved that day');
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'pm_daily_rollups_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_daily_rollups');
  await knex.schema.dropTable('pm_incidents');
  await knex.schema.dropTable('pm_changes');
  await knex.schema.dropTable('pm_deployment_commits');
  await knex.schema.dropTable('pm_deployments');
};

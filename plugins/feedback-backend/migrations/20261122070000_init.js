// @ts-check

/**
 * Feedback reports, their supporters ("me too") and their status history.
 * Times are UTC ISO-8601 strings (e.g. 2026-11-22T08:00:00.000Z), identical on
 * SQLite and PostgreSQL and sortable as text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reports', table => {
    table.comment(
      'Friction reports filed by developers about catalog entities',
    );
    table.string('id', 36).primary().notNullable().comment('Report id (UUID)');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Catalog entity the report is about, e.g. component:default/x');
    table
      .string('entity_owner_ref', 255)
      .nullable()
      .comment('Owner of the entity (spec.owner as full ref) at creation');
    table.string('category', 32).notNullable().comment('Report category');
    table.string('severity', 16).notNullable().comment('Report severity');
    table.text('text').notNullable().comment('Free text, 1..4000 characters');
    table
      .boolean('anonymous')
      .notNullable()
      .defaultTo(false)
      .comment('When true, the reporter is never returned by the API');
    table
      .string('reporter_ref', 255)
      .notNullable()
      .comment('User entity ref of the reporter (always stored)');
    table
      .string('reporter_team_ref', 255)
      .nullable()
      .comment("The reporter's first group from their ownership refs");
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('new')
      .comment('Lifecycle status');
    table
      .integer('impact')
      .notNullable()
      .defaultTo(0)
      .comment("Sum of the supporters' team sizes");
    table
      .integer('supporter_count')
      .notNullable()
      .defaultTo(0)
      .comment('Number of distinct supporters (reporter included)');
    table
      .string('created_at', 32)
      .notNullable()
      .comment('Creation time, UTC ISO string');
    table
      .string('updated_at', 32)
      .notNullable()
      .comment('Last status change (or creation), UTC ISO string');
    table.index(['impact', 'created_at'], 'reports_impact_created_idx');
    table.index(['entity_ref'], 'reports_entity_ref_idx');
    table.index(['entity_owner_ref'], 'reports_entity_owner_ref_idx');
    table.index(['status'], 'reports_status_idx');
  });

  await knex.schema.createTable('report_supporters', table => {
    table.comment('Users affected by a report ("me too"), reporter included');
    table
      .string('report_id', 36)
      .notNullable()
      .references('id')
      .inTable('reports')
      .onDelete('CASCADE')
      .comment('The report');
    table
      .string('user_ref', 255)
      .notNullable()
      .comment('User entity ref of the supporter');
    table
      .string('team_ref', 255)
      .nullable()
      .comment("The supporter's first group, if any");
    table
      .string('created_at', 32)
      .notNullable()
      .comment('When the support was added, UTC ISO string');
    table.unique(['report_id', 'user_ref'], {
      indexName: 'report_supporters_report_user_uniq',
    });
    table.index(['user_ref'], 'report_supporters_user_ref_idx');
  });

  await knex.schema.createTable('report_events', table => {
    table.comment('Status history of reports (also the "what shipped" log)');
    table.string('id', 36).primary().notNullable().comment('Event id (UUID)');
    table
      .string('report_id', 36)
      .notNullable()
      .references('id')
      .inTable('reports')
      .onDelete('CASCADE')
      .comment('The report');
    table.string('from_status', 16).notNullable().comment('Previous status');
    table.string('to_status', 16).notNullable().comment('New status');
    table.text('note').notNullable().comment('Note of the move, 1..2000 chars');
    table
      .string('actor_ref', 255)
      .notNullable()
      .comment('User entity ref of who moved the report');
    table
      .string('created_at', 32)
      .notNullable()
      .comment('When the move happened, UTC ISO string');
    table.index(['report_id'], 'report_events_report_id_idx');
    table.index(['to_status', 'created_at'], 'report_events_to_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('report_events');
  await knex.schema.dropTable('report_supporters');
  await knex.schema.dropTable('reports');
};

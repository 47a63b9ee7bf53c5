// @ts-check

/**
 * Notifications owed for committed writes, sent after the response by a
 * scheduled task; a row is written in the same transaction as the report,
 * so a crash after the 201 does not lose the notification.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('feedback_outbox', table => {
    table.comment('Notifications to send for committed reports (outbox)');
    table.bigIncrements('id').primary().comment('Sending order');
    table
      .string('report_id', 36)
      .notNullable()
      .references('id')
      .inTable('reports')
      .onDelete('CASCADE')
      .comment('Report the notification is about');
    table
      .string('kind', 32)
      .notNullable()
      .comment("What to send: 'new-report' (to the platform team)");
    table
      .string('created_at', 32)
      .notNullable()
      .comment('When the report was committed, UTC ISO-8601');
    table
      .string('next_attempt_at', 32)
      .notNullable()
      .comment('Not sent before this time, UTC ISO-8601');
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Failed sending attempts so far');
    table.text('last_error').nullable().comment('Why the last attempt failed');
    table.index(['next_attempt_at', 'id'], 'feedback_outbox_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('feedback_outbox');
};

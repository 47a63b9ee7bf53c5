// @ts-check

/**
 * Replay safety: webhook deliveries already processed, and the time of the
 * state each incident is stored in, so an older delivery cannot move it back.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_webhook_deliveries', table => {
    table.comment(
      'Webhook deliveries already processed; a redelivery changes nothing',
    );
    table
      .string('source', 16)
      .notNullable()
      .comment('Sender of the delivery: github or pagerduty');
    table
      .string('delivery_id', 200)
      .notNullable()
      .comment('X-GitHub-Delivery or the PagerDuty event id');
    table
      .string('received_at', 30)
      .notNullable()
      .comment('When the delivery was processed, UTC');
    table.primary(['source', 'delivery_id']);
    table.index(['received_at'], 'pm_webhook_deliveries_received_idx');
  });

  await knex.schema.alterTable('pm_incidents', table => {
    table
      .string('state_at', 30)
      .nullable()
      .comment(
        'When the sender saw the stored state (updated or occurred time), UTC; older events do not change the incident',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_incidents', table => {
    table.dropColumn('state_at');
  });
  await knex.schema.dropTable('pm_webhook_deliveries');
};

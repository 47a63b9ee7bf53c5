// @ts-check

/**
 * Raw events name their user (and team) only for their first day: a daily
 * task then clears both, so the raw trail cannot be matched by time with
 * anonymous feedback. Hence nullable, and an index to find what to clear.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('usage_events', table => {
    table
      .string('user_ref', 255)
      .nullable()
      .comment('Who (from the token); cleared once the event is a day old')
      .alter();
    table.index(['occurred_at'], 'usage_events_occurred_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('usage_events', table => {
    table.dropIndex(['occurred_at'], 'usage_events_occurred_at_idx');
  });
  await knex('usage_events').whereNull('user_ref').delete();
  await knex.schema.alterTable('usage_events', table => {
    table
      .string('user_ref', 255)
      .notNullable()
      .comment('Who (from the token)')
      .alter();
  });
};

// @ts-check

/**
 * Usage analytics: raw events (kept rawRetentionDays) and two daily
 * aggregates (kept longer). Days, weeks and months are calendar periods in
 * the configured portalAnalytics.timeZone, as YYYY-MM-DD / YYYY-MM text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('usage_events', table => {
    table.comment('Raw analytics events the app reported, one row each');
    table.bigIncrements('id').comment('Row id');
    table
      .string('occurred_at', 30)
      .notNullable()
      .comment('When it happened, UTC ISO-8601');
    table.string('day', 10).notNullable().comment('Local day, YYYY-MM-DD');
    table.string('user_ref', 255).notNullable().comment('Who (from the token)');
    table
      .string('team_ref', 255)
      .nullable()
      .comment("The user's first group at the time of the event");
    table.string('action', 64).notNullable().comment('navigate, search, ...');
    table.text('subject').notNullable().comment('Path, term, template name');
    table.string('plugin_id', 100).nullable().comment('Plugin of the context');
    table.string('entity_ref', 255).nullable().comment('Entity of the context');
    table.double('value').nullable().comment('e.g. result count of a search');
    table.index(['day'], 'usage_events_day_idx');
  });
  await knex.schema.createTable('usage_daily_users', table => {
    table.comment('One row per user per local day with activity');
    table.string('day', 10).notNullable().comment('Local day, YYYY-MM-DD');
    table
      .string('week', 10)
      .notNullable()
      .comment('Monday of the local ISO week, YYYY-MM-DD');
    table.string('month', 7).notNullable().comment('Local month, YYYY-MM');
    table.string('user_ref', 255).notNullable().comment('User entity ref');
    table
      .string('team_ref', 255)
      .nullable()
      .comment("The user's first group at their first event that day");
    table.integer('events').notNullable().comment('Events that day');
    table.primary(['day', 'user_ref']);
    table.index(['day', 'team_ref'], 'usage_daily_users_team_idx');
  });
  await knex.schema.createTable('usage_daily_counts', table => {
    table.comment('Events per local day per ranked key (page, search, ...)');
    table.string('day', 10).notNullable().comment('Local day, YYYY-MM-DD');
    table
      .string('kind', 32)
      .notNullable()
      .comment('page, plugin, template, search, searchNoResults, entity, doc');
    table.string('key', 512).notNullable().comment('What was used');
    table.integer('count').notNullable().comment('Events that day');
    table.primary(['day', 'kind', 'key']);
    table.index(['kind', 'day'], 'usage_daily_counts_kind_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('usage_daily_counts');
  await knex.schema.dropTable('usage_daily_users');
  await knex.schema.dropTable('usage_events');
};

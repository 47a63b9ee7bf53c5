// @ts-check

/**
 * Work per channel: API requests that arrived through the browser, the
 * `portal` CLI or MCP, per local day, capability (plugin and route group)
 * and team; and who from each team used each channel that day, so that a
 * team's figure is shown only when at least 5 people are behind it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('usage_channel_daily', table => {
    table.comment('API requests per local day, channel, capability and team');
    table.string('day', 10).notNullable().comment('Local day, YYYY-MM-DD');
    table.string('channel', 16).notNullable().comment('browser, cli or mcp');
    table
      .string('capability', 160)
      .notNullable()
      .comment('Plugin and route group, e.g. scaffolder/tasks, or MCP tool');
    table
      .string('team_ref', 255)
      .notNullable()
      .comment(
        "The caller's first group; empty for services and teamless users",
      );
    table.integer('requests').notNullable().comment('Requests that day');
    table.primary(['day', 'channel', 'capability', 'team_ref']);
    table.index(['day'], 'usage_channel_daily_day_idx');
  });
  await knex.schema.createTable('usage_channel_daily_users', table => {
    table.comment('Users per local day, channel and team (for group sizes)');
    table.string('day', 10).notNullable().comment('Local day, YYYY-MM-DD');
    table.string('channel', 16).notNullable().comment('browser, cli or mcp');
    table
      .string('team_ref', 255)
      .notNullable()
      .comment("The user's first group; empty when they have none");
    table.string('user_ref', 255).notNullable().comment('User entity ref');
    table.primary(['day', 'channel', 'team_ref', 'user_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('usage_channel_daily_users');
  await knex.schema.dropTable('usage_channel_daily');
};

// @ts-check

/**
 * The in-portal satisfaction survey: one response and at most one dismissal
 * per user and quarter. Times are UTC ISO-8601 strings, like the reports.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('survey_responses', table => {
    table.comment('Answers to the satisfaction survey (NPS, ease, free text)');
    table
      .string('id', 36)
      .primary()
      .notNullable()
      .comment('Response id (UUID)');
    table
      .string('quarter', 7)
      .notNullable()
      .comment('Survey period the response counts for, e.g. 2026-Q4');
    table
      .string('user_ref', 255)
      .notNullable()
      .comment(
        'Respondent; only used for the once-per-quarter rule, never returned',
      );
    table
      .string('team_ref', 255)
      .nullable()
      .comment("Respondent's first group at answer time, for per-team results");
    table
      .integer('nps')
      .notNullable()
      .comment('Likelihood to recommend the portal, 0..10');
    table.integer('ease').notNullable().comment('Ease of use, 1..5');
    table
      .text('comment')
      .nullable()
      .comment('Free-text answer; only ever returned without its respondent');
    table
      .string('created_at', 32)
      .notNullable()
      .comment('Answer time, UTC ISO string (its month is the monthly period)');
    table.unique(['user_ref', 'quarter'], {
      indexName: 'survey_responses_user_quarter_uniq',
    });
    table.index(['created_at'], 'survey_responses_created_at_idx');
  });

  await knex.schema.createTable('survey_dismissals', table => {
    table.comment(
      '"Not now" on the survey prompt: not offered again that quarter',
    );
    table.string('user_ref', 255).notNullable().comment('Who dismissed it');
    table.string('quarter', 7).notNullable().comment('e.g. 2026-Q4');
    table
      .string('created_at', 32)
      .notNullable()
      .comment('Dismissal time, UTC ISO string');
    table.primary(['user_ref', 'quarter']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('survey_dismissals');
  await knex.schema.dropTable('survey_responses');
};

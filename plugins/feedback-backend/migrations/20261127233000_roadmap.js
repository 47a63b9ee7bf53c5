// @ts-check

/**
 * The platform team's plan for a report: an effort estimate and the quarter
 * it is planned for. One row per planned report.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('report_plans', table => {
    table.comment('Effort and planned quarter of backlog items (roadmap)');
    table
      .string('report_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('reports')
      .onDelete('CASCADE')
      .comment('Report id');
    table
      .string('effort', 8)
      .notNullable()
      .comment("'S', 'M', 'L' or a number of days such as '3' or '0.5'");
    table
      .string('planned_quarter', 7)
      .nullable()
      .comment(
        'Quarter the item is planned for, e.g. 2027-Q1; null = unplanned',
      );
    table
      .string('updated_by', 255)
      .notNullable()
      .comment('User entity ref of whoever set the plan');
    table
      .string('updated_at', 32)
      .notNullable()
      .comment('When the plan was set, UTC ISO-8601');
    table.index(['planned_quarter'], 'report_plans_quarter_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('report_plans');
};

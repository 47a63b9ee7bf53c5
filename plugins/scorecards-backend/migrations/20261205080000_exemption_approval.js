// @ts-check

/**
 * Exemptions from security checks count only once the platform team
 * approved them; results keep which checks are exempt, so team,
 * organisation and campaign views show them as exempt, not passed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('exemptions', table => {
    table
      .string('approved_by', 255)
      .nullable()
      .comment('Platform team member who approved it (security checks)');
    table.string('approved_at', 40).nullable().comment('When approved');
  });
  await knex.schema.alterTable('results', table => {
    table
      .text('exempt_checks')
      .notNullable()
      .defaultTo('')
      .comment('Ids of exempt (not passed) checks, comma-separated');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('results', table => {
    table.dropColumn('exempt_checks');
  });
  await knex.schema.alterTable('exemptions', table => {
    table.dropColumn('approved_at');
    table.dropColumn('approved_by');
  });
};

// @ts-check

/**
 * Who wrote each change, for the onboarding time (a new User's first change
 * in production).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pm_changes', table => {
    table
      .string('author', 255)
      .nullable()
      .comment(
        'Catalog User who wrote the change (user:default/name), lower case; null when unknown',
      );
    table.index(['author'], 'pm_changes_author_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pm_changes', table => {
    table.dropIndex(['author'], 'pm_changes_author_idx');
    table.dropColumn('author');
  });
};

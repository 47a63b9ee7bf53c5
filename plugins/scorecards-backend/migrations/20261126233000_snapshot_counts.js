// @ts-check

/**
 * Daily counts of entities per scorecard, owner and level, written with each
 * day's snapshot, so the organisation and team trends read a few thousand
 * rows instead of every entity's every day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('snapshot_counts', table => {
    table.comment('Entities per day, scorecard, owner and level');
    table.string('day', 10).notNullable().comment('UTC day, YYYY-MM-DD');
    table.string('scorecard_id', 64).notNullable().comment('Scorecard name');
    table
      .string('owner_ref', 255)
      .notNullable()
      .comment("Owner ref; '' without owner, '*' for the whole organisation");
    table
      .integer('level_index')
      .notNullable()
      .comment('0 below the first level');
    table.integer('count').notNullable().comment('Entities');
    table.primary(['owner_ref', 'scorecard_id', 'day', 'level_index']);
  });
  await knex
    .insert(
      knex('snapshots')
        .select(
          'day',
          'scorecard_id',
          knex.raw("coalesce(owner_ref, '') as owner_ref"),
          'level_index',
        )
        .count({ count: '*' })
        .groupBy('day', 'scorecard_id', 'owner_ref', 'level_index'),
    )
    .into(
      knex.raw('?? (??, ??, ??, ??, ??)', [
        'snapshot_counts',
        'day',
        'scorecard_id',
        'owner_ref',
        'level_index',
        'count',
      ]),
    );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('snapshot_counts');
};

// @ts-check

/**
 * The organisation's rollups per UTC day, kept beside the per-entity ones
 * and updated in the same transaction: the organisation-wide DORA over a
 * year reads 730 rows instead of summing every entity's.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pm_org_daily_rollups', table => {
    table.comment(
      'Sum of pm_daily_rollups per UTC day over every entity; rebuildable',
    );
    table.string('day', 10).notNullable().primary().comment('UTC date');
    table
      .integer('deployments')
      .notNullable()
      .comment('Production deployments');
    table
      .integer('successful')
      .notNullable()
      .comment('Successful production deployments');
    table
      .integer('failed')
      .notNullable()
      .comment('Production deployments that failed or caused an incident');
    table.integer('rework').notNullable().comment('Rollbacks and hotfixes');
    table
      .text('lead_time_seconds')
      .notNullable()
      .comment('Comma-separated lead times of the day, in seconds');
    table
      .text('restore_seconds')
      .notNullable()
      .comment('Comma-separated restore times of the day, in seconds');
  });
  // Existing rollups: the sums of each day.
  const rows = await knex('pm_daily_rollups').select();
  const byDay = new Map();
  for (const r of rows) {
    const cur = byDay.get(r.day) ?? {
      day: r.day,
      deployments: 0,
      successful: 0,
      failed: 0,
      rework: 0,
      lead: [],
      restore: [],
    };
    cur.deployments += Number(r.deployments);
    cur.successful += Number(r.successful);
    cur.failed += Number(r.failed);
    cur.rework += Number(r.rework);
    if (r.lead_time_seconds) cur.lead.push(r.lead_time_seconds);
    if (r.restore_seconds) cur.restore.push(r.restore_seconds);
    byDay.set(r.day, cur);
  }
  const inserts = [...byDay.values()].map(({ lead, restore, ...r }) => ({
    ...r,
    lead_time_seconds: lead.join(','),
    restore_seconds: restore.join(','),
  }));
  for (let i = 0; i < inserts.length; i += 200) {
    await knex('pm_org_daily_rollups').insert(inserts.slice(i, i + 200));
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pm_org_daily_rollups');
};

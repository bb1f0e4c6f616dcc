import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
// A province's or a city's inbox in order: a code prefix (`like '44%'`) cannot walk the
// (region_code, requested_at) index in time order, so a province page sorted all its notices
// (21,000 in Guangdong on the national dataset). Keyed by the province or city part of the code,
// the first page is read straight off the index.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'create index help_request_notice_province_newest_idx on help_request_notice (left(region_code, 2), requested_at desc, id desc)',
    'create index help_request_notice_city_newest_idx on help_request_notice (left(region_code, 4), requested_at desc, id desc)',
    'create index help_request_notice_province_urgent_idx on help_request_notice (left(region_code, 2), deadline_at, id)',
    'create index help_request_notice_city_urgent_idx on help_request_notice (left(region_code, 4), deadline_at, id)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop index help_request_notice_province_newest_idx',
    'drop index help_request_notice_city_newest_idx',
    'drop index help_request_notice_province_urgent_idx',
    'drop index help_request_notice_city_urgent_idx',
  ]);
}

import { type PageArgs, rowKeysetPage } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { JusticeDatabase } from '../db.js';

type Db = Kysely<JusticeDatabase>;

/** Record versions with the notice's region and current lawyer, which decide who may read them. */
const versions = (db: Db) =>
  db
    .selectFrom('help_record as r')
    .innerJoin('help_request_notice as n', 'n.id', 'r.notice_id')
    .selectAll('r')
    .select(['n.region_code', 'n.lawyer_id as notice_lawyer_id', 'n.stage', 'n.organ_kind']);

/** Not a later version of the same record exists. */
const latestOnly = <QB extends ReturnType<typeof versions>>(q: QB) =>
  q.where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom('help_record as later')
          .select('later.id')
          .whereRef('later.id', '=', 'r.id')
          .whereRef('later.version', '>', 'r.version'),
      ),
    ),
  ) as QB;

/** The latest version of each record of these notices, oldest reception first. */
export const findLatestRecordsByNotices = (db: Db, noticeIds: readonly string[]) =>
  latestOnly(versions(db).where('r.notice_id', 'in', noticeIds))
    .orderBy('r.given_at')
    .orderBy('r.id')
    .execute();

/**
 * The help the same person had under other notices (earlier stages, other agencies), linked by
 * the person's pseudonymous key: latest versions, oldest first, each with the notice it is for.
 */
export const findPriorRecordsByNotices = (db: Db, noticeIds: readonly string[]) =>
  latestOnly(
    versions(db)
      .innerJoin('help_request_notice as cur', (j) =>
        j.onRef('cur.person_key', '=', 'n.person_key').onRef('cur.id', '<>', 'n.id'),
      )
      .where('cur.id', 'in', noticeIds)
      .select(['cur.id as for_notice_id', 'cur.lawyer_id as for_lawyer_id']),
  )
    .orderBy('r.given_at')
    .orderBy('r.id')
    .execute();

/** Every version of these records, oldest first. */
export const findVersionsByRecords = (db: Db, ids: readonly string[]) =>
  versions(db).where('r.id', 'in', ids).orderBy('r.id').orderBy('r.version').execute();

export const findLatestRecord = (db: Db, id: string) =>
  versions(db).where('r.id', '=', id).orderBy('r.version', 'desc').limit(1).executeTakeFirst();

export const findRecordByKey = (db: Db, key: string) =>
  versions(db).where('r.idempotency_key', '=', key).executeTakeFirst();

/** Disclosures with the record's region (for the agency's readers). */
const disclosures = (db: Db) =>
  db
    .selectFrom('disclosure as d')
    .innerJoin('help_record as r', (j) =>
      j.onRef('r.id', '=', 'd.record_id').onRef('r.version', '=', 'd.record_version'),
    )
    .innerJoin('help_request_notice as n', 'n.id', 'r.notice_id')
    .selectAll('d')
    .select(['n.region_code', 'r.lawyer_id']);

export const findDisclosuresByRecords = (db: Db, recordIds: readonly string[]) =>
  disclosures(db).where('d.record_id', 'in', recordIds).orderBy('d.disclosed_at').execute();

/** One page of the disclosures made to an organ, newest first. */
export const listDisclosuresToOrgan = (db: Db, organId: string, page: PageArgs) =>
  rowKeysetPage(
    disclosures(db).where('d.organ_id', '=', organId),
    [{ ref: 'd.disclosed_at', cast: 'timestamptz' }, { ref: 'd.id' }],
    'desc',
    page,
  ).execute();

export const findDisclosureByKey = (db: Db, key: string) =>
  disclosures(db).where('d.idempotency_key', '=', key).executeTakeFirst();

export type RecordRow = Awaited<ReturnType<typeof findVersionsByRecords>>[number];
export type DisclosureRow = Awaited<ReturnType<typeof findDisclosuresByRecords>>[number];

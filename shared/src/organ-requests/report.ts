import type { CounterSource } from '../report/counters.js';

const notices = `select n.informed_at as at, n.stage, n.organ_id, null::text as workstation_id,
  p.case_id as case_key, n.region_code from rights_notice n join accused_person p on p.id = n.person_id`;
const requests = `select r.requested_at as at, r.stage, r.organ_id, null::text as workstation_id,
  p.case_id as case_key, r.region_code from help_request r join accused_person p on p.id = r.person_id`;

/** The counters every organ keeps the same way (its rights notices and help requests). */
export const ORGAN_COUNTERS: readonly CounterSource[] = [
  { key: 'RIGHTS_NOTICES', label: '告知值班律师法律帮助权利', sql: notices },
  { key: 'HELP_DECLINED', label: '拒绝值班律师法律帮助', sql: `${notices} where n.answer = 'DECLINES'` },
  { key: 'HELP_REQUESTS', label: '法律帮助请求（通知法律援助机构）', sql: requests },
  {
    key: 'HELP_REQUESTS_BY_RELATIVE',
    label: '近亲属代为提出的法律帮助请求',
    sql: `${requests} where r.requested_by = 'RELATIVE'`,
  },
];

/**
 * Applications to change a coercive measure, counted at the organ handling the case: `organ` is the
 * SQL joining `measure_application m` and `accused_person p` to the case (`c`, with `stage`) and
 * the organ (`o`, with `region_code`), `organId` the case's organ column.
 */
export const measureApplicationCounter = (organ: string, organId: string): CounterSource => ({
  key: 'MEASURE_APPLICATIONS',
  label: '申请变更强制措施',
  sql: `select m.filed_at as at, c.stage, ${organId} as organ_id, null::text as workstation_id,
    p.case_id as case_key, o.region_code from measure_application m join accused_person p on p.id = m.person_id ${organ}`,
});

/** File reviews done, counted at the organ holding the case (`c` the case, `o` the organ). */
export const fileReviewCounter = (
  caseTable: string,
  organColumn: string,
  organTable: string,
): CounterSource => ({
  key: 'FILE_REVIEWS',
  label: '阅卷',
  sql: `select f.reviewed_at as at, c.stage, c.${organColumn} as organ_id, null::text as workstation_id,
    f.case_id as case_key, o.region_code from file_review f join ${caseTable} c on c.id = f.case_id
    join ${organTable} o on o.id = c.${organColumn} where f.status = 'DONE'`,
});

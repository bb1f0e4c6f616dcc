import {
  type CounterSource,
  fileReviewCounter,
  jointMeetingReportPart,
  measureApplicationCounter,
  ORGAN_COUNTERS,
} from '@duty/kit';
import { builder } from '../builder.js';

const ofPerson = `join accused_person p on p.id = x.person_id join prosecution_case c on c.id = p.case_id
  join procuratorate o on o.id = c.procuratorate_id`;
const opinions = `select l.submitted_at as at, c.stage, c.procuratorate_id as organ_id, null::text as workstation_id,
  p.case_id as case_key, o.region_code from lawyer_opinion l
  join sentencing_recommendation x on x.id = l.recommendation_id ${ofPerson}`;

const SOURCES: CounterSource[] = [
  ...ORGAN_COUNTERS,
  measureApplicationCounter(
    'join prosecution_case c on c.id = p.case_id join procuratorate o on o.id = c.procuratorate_id',
    'c.procuratorate_id',
  ),
  {
    key: 'LAWYER_OPINIONS',
    label: '值班律师提出量刑等意见',
    sql: opinions,
  },
  {
    key: 'LAWYER_OPINIONS_DECIDED',
    label: '律师意见已作采纳决定',
    sql: `${opinions} where l.adopted is not null`,
  },
  {
    key: 'LAWYER_OPINIONS_ADOPTED',
    label: '律师意见被采纳',
    sql: `${opinions} where l.adopted`,
  },
  {
    key: 'PLEA_AGREEMENTS_WITNESSED',
    label: '值班律师在场签署具结书',
    sql: `select x.signed_at as at, c.stage, c.procuratorate_id as organ_id, null::text as workstation_id,
      p.case_id as case_key, o.region_code from plea_agreement x ${ofPerson} where x.lawyer_capacity = 'DUTY_LAWYER'`,
  },
  {
    key: 'MISCONDUCT_COMPLAINTS',
    label: '代理刑讯逼供、非法取证申诉控告',
    sql: `select m.filed_at as at, null::text as stage, m.procuratorate_id as organ_id, null::text as workstation_id,
      m.notice_id as case_key, o.region_code from misconduct_complaint m join procuratorate o on o.id = m.procuratorate_id`,
  },
  fileReviewCounter('prosecution_case', 'procuratorate_id', 'procuratorate'),
];

/** The procuratorates' part of the joint-meeting report (检察院统计). */
jointMeetingReportPart(builder, {
  workstationsFromJustice: true,
  field: 'procuratorate',
  description:
    "The procuratorates' figures (人民检察院数据): notices, requests, opinions and their adoption, plea agreements, complaints, file reviews",
  sources: SOURCES,
  names: async (db, _kind, ids) =>
    new Map(
      (await db.selectFrom('procuratorate').select(['id', 'name']).where('id', 'in', ids).execute()).map(
        (o) => [o.id, o.name],
      ),
    ),
});

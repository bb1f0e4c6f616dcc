import { jointMeetingReportPart, measureApplicationCounter, ORGAN_COUNTERS } from '@duty/kit';
import { builder } from '../builder.js';

/** The police's, state security's and detention centers' part of the joint-meeting report. */
jointMeetingReportPart(builder, {
  workstationsFromJustice: true,
  field: 'publicSecurity',
  description:
    "The police's, state security's and detention centers' figures (公安机关、国家安全机关、看守所数据): notices, requests, meetings",
  sources: [
    ...ORGAN_COUNTERS,
    {
      key: 'HELP_REQUESTS_AT_DETENTION_CENTER',
      label: '看守所转来的法律帮助请求',
      sql: `select r.requested_at as at, r.stage, r.organ_id, null::text as workstation_id,
        p.case_id as case_key, r.region_code from help_request r join accused_person p on p.id = r.person_id
        where r.organ_kind = 'DETENTION_CENTER'`,
    },
    measureApplicationCounter(
      'join investigation_case c on c.id = p.case_id join police_organ o on o.id = c.police_organ_id',
      'c.police_organ_id',
    ),
    {
      key: 'MEETINGS_HELD',
      label: '值班律师会见',
      sql: `select m.held_from as at, c.stage, m.detention_center_id as organ_id, null::text as workstation_id,
        p.case_id as case_key, dc.region_code from meeting_request m join accused_person p on p.id = m.person_id
        join investigation_case c on c.id = p.case_id join detention_center dc on dc.id = m.detention_center_id
        where m.status = 'HELD'`,
    },
  ],
  names: async (db, _kind, ids) => {
    const organs = await db
      .selectFrom('police_organ')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    const centers = await db
      .selectFrom('detention_center')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    return new Map([...organs, ...centers].map((o) => [o.id, o.name]));
  },
});

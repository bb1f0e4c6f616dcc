import {
  fileReviewCounter,
  jointMeetingReportPart,
  measureApplicationCounter,
  ORGAN_COUNTERS,
} from '@duty/kit';
import { builder } from '../builder.js';

/** The courts' part of the joint-meeting report (法院统计). */
jointMeetingReportPart(builder, {
  workstationsFromJustice: true,
  field: 'court',
  description:
    "The courts' figures (人民法院数据): notices, requests, coercive-measure applications, file reviews",
  sources: [
    ...ORGAN_COUNTERS,
    measureApplicationCounter(
      'join court_case c on c.id = p.case_id join court o on o.id = c.court_id',
      'c.court_id',
    ),
    fileReviewCounter('court_case', 'court_id', 'court'),
  ],
  names: async (db, _kind, ids) =>
    new Map(
      (await db.selectFrom('court').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [
        o.id,
        o.name,
      ]),
    ),
});

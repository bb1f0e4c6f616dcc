import type { Kysely } from 'kysely';
import type { SubgraphName } from '../config.js';
import { makeResidentIdNumber } from '../ids.js';
import type { CaseStage, OrganKind } from '../notices.js';
import { insertHelpRequest } from '../organ-requests/records.js';
import { seededRandom } from './random.js';

const CHARGES = ['盗窃罪', '危险驾驶罪', '诈骗罪', '故意伤害罪', '寻衅滋事罪', '帮助信息网络犯罪活动罪'];
const NAMES = ['张伟', '王磊', '李娜', '刘洋', '陈杰', '杨帆', '赵敏', '黄强'];

export interface DemoCase {
  id: string;
  /** 1 or 2: case 1 has one accused person, case 2 has two (the second already has defense counsel). */
  n: number;
  organId: string;
  regionCode: string;
  charges: string[];
  receivedAt: Date;
}
export interface DemoAccused {
  id: string;
  case_id: string;
  name: string;
  resident_id_number: string;
  phone: string;
  has_defense_counsel: boolean;
}

/**
 * Two cases at each organ given, with their accused: `case-<organ>-1` (one person) and
 * `case-<organ>-2` (two; `-p2` already has defense counsel). The same on every start, and the same
 * people in every organ of a county: the police's suspect is the procuratorate's and the court's,
 * so one person can be followed from stage to stage.
 */
export function demoCases(seed: string, organs: readonly { id: string; regionCode: string }[]) {
  const timing = seededRandom(seed);
  const cases: DemoCase[] = [];
  const persons: DemoAccused[] = [];
  for (const organ of organs) {
    for (let n = 1; n <= 2; n += 1) {
      const id = `case-${organ.id}-${n}`;
      const rnd = seededRandom(`accused-${organ.regionCode}-${n}`);
      cases.push({
        id,
        n,
        organId: organ.id,
        regionCode: organ.regionCode,
        charges: [rnd.pick(CHARGES)],
        receivedAt: new Date(Date.now() - timing.int(1, 20) * 86_400_000),
      });
      for (let p = 1; p <= n; p += 1) {
        const birth = `19${rnd.int(70, 99)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`;
        persons.push({
          id: `${id}-p${p}`,
          case_id: id,
          name: rnd.pick(NAMES),
          resident_id_number: makeResidentIdNumber(organ.regionCode, birth, rnd.int(0, 999)),
          phone: `139${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
          has_defense_counsel: n === 2 && p === 2,
        });
      }
    }
  }
  return { cases, persons, hoursAgo: () => timing.int(1, 30) };
}

/** Records a demo help request by the accused, with its notice, as the organ's mutation would. */
export async function seedDemoHelpRequest(
  db: Kysely<any>,
  source: { subgraph: SubgraphName; requestType: string },
  r: {
    id: string;
    personId: string;
    stage: CaseStage;
    organKind: OrganKind;
    organ: { id: string; regionCode: string };
    recordedBy: string;
    hoursAgo: number;
    deadlineHours: number;
    concernedOrganIds?: string[];
    residentIdNumber: string;
  },
) {
  const requestedAt = new Date(Date.now() - r.hoursAgo * 3600_000);
  await insertHelpRequest(
    db,
    source,
    {
      id: r.id,
      person_id: r.personId,
      stage: r.stage,
      requested_by: 'ACCUSED',
      relative_name: null,
      relative_relation: null,
      requested_at: requestedAt,
      deadline_at: new Date(requestedAt.getTime() + r.deadlineHours * 3600_000),
      recorded_by: r.recordedBy,
      idempotency_key: null,
      organ_kind: r.organKind,
      organ_id: r.organ.id,
      region_code: r.organ.regionCode,
    },
    { concernedOrganIds: r.concernedOrganIds, residentIdNumber: r.residentIdNumber },
  );
}

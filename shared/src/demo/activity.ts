import type { Kysely } from 'kysely';
import type { SubgraphName } from '../config.js';
import { chinaInstant, chinaToday } from '../dates.js';
import { makeResidentIdNumber } from '../ids.js';
import { personKey } from '../person-key.js';
import {
  DEMO_REGIONS,
  type DemoDirectory,
  demoDirectory,
  dutyLawyersByCounty,
  type RegionTree,
  SURNAMES,
} from './directory.js';
import { seededRandom } from './random.js';

/** Where generated rows go: a bulk loader, or batched inserts for the demo. */
export interface RowWriter {
  write(row: Record<string, unknown>): Promise<void>;
}

/** The tables a year of requests is written to, by subgraph. */
export const ACTIVITY_TABLES = {
  court: ['court_case', 'accused_person', 'rights_notice', 'help_request'],
  procuratorate: ['prosecution_case', 'accused_person', 'rights_notice', 'help_request'],
  'public-security': ['investigation_case', 'accused_person', 'rights_notice', 'help_request'],
  justice: ['help_request_notice', 'notice_event', 'help_record', 'legal_aid_application'],
} as const;

export type ActivityWriters = {
  [S in keyof typeof ACTIVITY_TABLES]: Record<(typeof ACTIVITY_TABLES)[S][number], RowWriter>;
};

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CHARGES = [
  '盗窃罪',
  '危险驾驶罪',
  '诈骗罪',
  '故意伤害罪',
  '寻衅滋事罪',
  '帮助信息网络犯罪活动罪',
  '开设赌场罪',
  '走私、贩卖、运输、制造毒品罪',
];
const GIVEN = [
  '伟',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
];
const QUESTIONS = [
  { question: '我的行为会被判多重？', answer: '已结合涉嫌罪名和情节说明可能的量刑幅度。' },
  { question: '认罪认罚有什么后果？', answer: '已说明认罪认罚从宽制度及具结书的法律后果。' },
  { question: '能否申请取保候审？', answer: '已说明申请变更强制措施的条件和程序。' },
];

/** Where a stage's requests are taken, and how many people a county sees there in a year. */
const PLACES = [
  { subgraph: 'court', stage: 'TRIAL', organKind: 'COURT', prefix: 'court', perYear: 95, deadlineHours: 48 },
  {
    subgraph: 'procuratorate',
    stage: 'REVIEW_FOR_PROSECUTION',
    organKind: 'PROCURATORATE',
    prefix: 'proc',
    perYear: 90,
    deadlineHours: 48,
  },
  {
    subgraph: 'public-security',
    stage: 'INVESTIGATION',
    organKind: 'DETENTION_CENTER',
    prefix: 'dc',
    perYear: 85,
    deadlineHours: 24,
  },
  {
    subgraph: 'public-security',
    stage: 'INVESTIGATION',
    organKind: 'PUBLIC_SECURITY',
    prefix: 'psb',
    perYear: 35,
    deadlineHours: 48,
  },
] as const;

const REQUEST_TYPE = {
  court: 'CourtHelpRequest',
  procuratorate: 'ProcuratorateHelpRequest',
  'public-security': 'PoliceHelpRequest',
} as const;

/**
 * A year of duty lawyer work in every county of the tree, up to `now`: cases and their accused at
 * the courts, procuratorates and police, rights notices (about half ask for help), the help
 * requests, and at justice each request's notice, its dispatch history and the help record. The
 * same for the same tree and `now`; each county has its own random stream, so adding a region
 * changes nothing elsewhere.
 */
export async function generateActivity(
  tree: RegionTree,
  directory: DemoDirectory,
  w: ActivityWriters,
  options: { now: number; days: number; rate: number },
) {
  const start = options.now - options.days * DAY;
  const lawyersByCounty = dutyLawyersByCounty(directory);
  const year = new Date(options.now).getUTCFullYear();
  for (const county of tree.flatMap((p) => p.cities.flatMap((c) => c.counties))) {
    const rnd = seededRandom(`activity-${county}`);
    const lawyers = lawyersByCounty.get(county) ?? [];
    const at = (t: number) => new Date(Math.round(t / 1000) * 1000);
    for (const place of PLACES) {
      const organId = `${place.prefix}-${county}`;
      const count = Math.round(place.perYear * options.rate);
      let person = 0;
      for (let c = 1; person < count; c += 1) {
        const caseId = `gen-${organId}-${c}`;
        const receivedAt = start + rnd.next() * (options.days * DAY - 2 * DAY);
        const charges = [rnd.pick(CHARGES)];
        const caseNo = String(c).padStart(4, '0');
        if (place.subgraph === 'court')
          await w.court.court_case.write({
            id: caseId,
            case_number: `（${year}）${county}刑初${caseNo}号`,
            court_id: organId,
            charges,
            received_at: at(receivedAt),
          });
        else if (place.subgraph === 'procuratorate')
          await w.procuratorate.prosecution_case.write({
            id: caseId,
            case_number: `${county}检刑诉〔${year}〕${caseNo}号`,
            procuratorate_id: organId,
            charges,
            investigation_case_id: null,
            received_at: at(receivedAt),
          });
        else
          await w['public-security'].investigation_case.write({
            id: caseId,
            case_number: `${county}${place.prefix === 'dc' ? '刑侦' : '刑拘'}〔${year}〕${caseNo}号`,
            police_organ_id: `psb-${county}`,
            category: 'ORDINARY',
            charges,
            opened_at: at(receivedAt),
          });
        const size = rnd.next() < 0.3 ? 2 : 1;
        for (let p = 1; p <= size && person < count; p += 1, person += 1) {
          const personId = `${caseId}-p${p}`;
          const birth = `19${rnd.int(60, 99)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
          const residentId = makeResidentIdNumber(county, birth, rnd.int(0, 999));
          const hasCounsel = rnd.next() < 0.08;
          const accused = {
            id: personId,
            case_id: caseId,
            name: rnd.pick(SURNAMES) + rnd.pick(GIVEN),
            resident_id_number: residentId,
            phone: `13${rnd.int(0, 9)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
            has_defense_counsel: hasCounsel,
          };
          const organ = w[place.subgraph];
          // Written last: a defense lawyer assigned on legal aid (below) is counsel the organ knows of.
          const writeAccused = (defense: boolean) =>
            organ.accused_person.write({
              ...accused,
              has_defense_counsel: hasCounsel || defense,
              ...(place.subgraph === 'public-security' ? { detention_center_id: `dc-${county}` } : {}),
            });
          const informedAt = receivedAt + rnd.next() * DAY;
          const asks = !hasCounsel && rnd.next() < 0.55;
          const staff = `${place.prefix}-staff-${county}`;
          const placeColumns = { organ_kind: place.organKind, organ_id: organId, region_code: county };
          await organ.rights_notice.write({
            id: `${personId}-n`,
            person_id: personId,
            stage: place.stage,
            method: rnd.next() < 0.8 ? 'WRITTEN' : 'ORAL',
            informed_at: at(informedAt),
            informed_by: staff,
            answer: asks ? 'REQUESTS_HELP' : 'DECLINES',
            note: hasCounsel ? '已委托辩护人' : null,
            ...placeColumns,
          });
          if (!asks) {
            await writeAccused(false);
            continue;
          }
          const requestId = `${personId}-r`;
          const requestedAt = informedAt + rnd.next() * 2 * HOUR;
          const deadlineAt = requestedAt + place.deadlineHours * HOUR;
          await organ.help_request.write({
            id: requestId,
            person_id: personId,
            stage: place.stage,
            requested_by: 'ACCUSED',
            relative_name: null,
            relative_relation: null,
            requested_at: at(requestedAt),
            deadline_at: at(deadlineAt),
            recorded_by: staff,
            idempotency_key: null,
            ...placeColumns,
          });
          const defense = await dispatch(w.justice, rnd, {
            now: options.now,
            noticeId: `${place.subgraph}:${requestId}`,
            requestId,
            place,
            organId,
            county,
            requestedAt,
            deadlineAt,
            residentId,
            charges,
            lawyers,
          });
          await writeAccused(defense);
        }
      }
    }
  }
}

/**
 * The request's notice at justice and what the agency and the lawyer did with it, up to `now`;
 * whether legal aid gave the person a defense lawyer.
 */
async function dispatch(
  w: ActivityWriters['justice'],
  rnd: ReturnType<typeof seededRandom>,
  r: {
    now: number;
    noticeId: string;
    requestId: string;
    place: (typeof PLACES)[number];
    organId: string;
    county: string;
    requestedAt: number;
    deadlineAt: number;
    residentId: string;
    charges: string[];
    lawyers: string[];
  },
) {
  const at = (t: number) => new Date(Math.round(t / 1000) * 1000);
  const events: Record<string, unknown>[] = [];
  let status = 'RECEIVED';
  let lawyerId: string | null = null;
  let assignedAt: number | null = null;
  let updatedAt = r.requestedAt + 5_000;
  const step = (
    action: string,
    to: string,
    time: number,
    extra: { reason?: string; actor?: string } = {},
  ) => {
    if (time > r.now) return false;
    events.push({
      id: `${r.noticeId}:${events.length + 1}`,
      notice_id: r.noticeId,
      action,
      status_after: to,
      lawyer_id: lawyerId,
      reason: extra.reason ?? null,
      actor:
        extra.actor ?? (action === 'ASSIGN' || action === 'CANCEL' ? `dispatcher-${r.county}` : lawyerId),
      at: at(time),
    });
    status = to;
    updatedAt = time;
    return true;
  };
  const span = r.deadlineAt - r.requestedAt;
  let record: { givenAt: number; recordedAt: number; mode: string } | null = null;
  if (rnd.next() < 0.03 || r.lawyers.length === 0) {
    step('CANCEL', 'CANCELLED', r.requestedAt + rnd.next() * span, { reason: '案件已撤销或变更强制措施' });
  } else {
    // Most are assigned within the time limit; some late, which the joint meeting counts.
    const late = rnd.next() < 0.08;
    const t = r.requestedAt + span * (late ? 1.05 + rnd.next() * 0.6 : 0.05 + rnd.next() * 0.85);
    lawyerId = rnd.pick(r.lawyers);
    if (step('ASSIGN', 'ASSIGNED', t)) {
      assignedAt = t;
      const accepted = t + (10 + rnd.next() * 110) * 60_000;
      const started = accepted + (0.5 + rnd.next() * 23) * HOUR;
      if (step('ACCEPT', 'ACCEPTED', accepted) && step('START', 'IN_PROGRESS', started)) {
        const ended = started + (1 + rnd.next() * 3) * HOUR;
        if (rnd.next() < 0.04) {
          step('REFUSED_BY_ACCUSED', 'REFUSED_BY_ACCUSED', ended, { reason: '当事人明确拒绝法律帮助' });
        } else if (step('COMPLETE', 'COMPLETED', ended)) {
          record = { givenAt: started, recordedAt: ended, mode: rnd.next() < 0.85 ? 'ON_SITE' : 'PHONE' };
        }
      }
    }
  }
  await w.help_request_notice.write({
    id: r.noticeId,
    subgraph: r.place.subgraph,
    request_type: REQUEST_TYPE[r.place.subgraph],
    request_id: r.requestId,
    organ_kind: r.place.organKind,
    organ_id: r.organId,
    region_code: r.county,
    stage: r.place.stage,
    workstation_id: r.place.organKind === 'PUBLIC_SECURITY' ? null : `ws-${r.organId}`,
    requested_at: at(r.requestedAt),
    deadline_at: at(r.deadlineAt),
    received_at: at(r.requestedAt + 5_000),
    status,
    lawyer_id: status === 'RECEIVED' || status === 'CANCELLED' ? null : lawyerId,
    assigned_at: assignedAt === null ? null : at(assignedAt),
    // First answered: the first step (an assignment or a cancellation); bulk loads run no triggers.
    answered_at: events[0]?.at ?? null,
    updated_at: at(updatedAt),
    concerned_organ_ids: r.place.organKind === 'DETENTION_CENTER' ? [`psb-${r.county}`] : [],
    person_key: personKey(r.residentId),
  });
  for (const e of events) await w.notice_event.write(e);
  if (record && lawyerId) {
    const eligible = rnd.next() < 0.3;
    await w.help_record.write({
      id: `${r.noticeId}:record`,
      version: 1,
      notice_id: r.noticeId,
      lawyer_id: lawyerId,
      given_at: at(record.givenAt),
      mode: record.mode,
      questions: [QUESTIONS[rnd.int(0, QUESTIONS.length - 1)]],
      suspected_charges: r.charges,
      facts: null,
      advice: '已告知诉讼权利和认罪认罚的法律规定，建议如实陈述。',
      legal_aid_eligible: eligible,
      told_how_to_apply: eligible,
      acknowledgment: 'ACKNOWLEDGED',
      recorded_at: at(record.recordedAt),
      correction_reason: null,
      idempotency_key: null,
    });
    // Most who may have legal aid apply there and then; the duty lawyer forwards the application.
    if (eligible && rnd.next() < 0.8)
      return legalAidApplication(w, rnd, { ...r, lawyerId, receivedAt: record.givenAt });
  }
  return false;
}

/**
 * An application for legal aid the duty lawyer forwarded (within the agency's 24 hours, mostly),
 * reviewed within 7 days; a grant gets a defense lawyer within 3 days. Returns whether one was
 * assigned by `now`.
 */
async function legalAidApplication(
  w: ActivityWriters['justice'],
  rnd: ReturnType<typeof seededRandom>,
  r: {
    now: number;
    noticeId: string;
    county: string;
    lawyers: string[];
    lawyerId: string;
    receivedAt: number;
  },
) {
  const at = (t: number) => new Date(Math.round(t / 1000) * 1000);
  const forwardedAt = r.receivedAt + (rnd.next() < 0.06 ? 25 + rnd.next() * 20 : 1 + rnd.next() * 20) * HOUR;
  if (forwardedAt > r.now) return false;
  const decidedAt = forwardedAt + (1 + rnd.next() * 5) * DAY;
  const decided = decidedAt <= r.now;
  const granted = decided && rnd.next() < 0.85;
  const assignedAt = decidedAt + (4 + rnd.next() * 44) * HOUR;
  const assigned = granted && assignedAt <= r.now;
  await w.legal_aid_application.write({
    id: `${r.noticeId}:application`,
    notice_id: r.noticeId,
    forwarded_by: r.lawyerId,
    applicant: 'ACCUSED',
    relative_name: null,
    relative_relation: null,
    received_at: at(r.receivedAt),
    materials: ['法律援助申请表', '身份证明', '经济困难状况说明'],
    forwarded_at: at(forwardedAt),
    forward_deadline_at: at(r.receivedAt + 24 * HOUR),
    review_deadline_at: at(forwardedAt + 7 * DAY),
    status: !decided ? 'UNDER_REVIEW' : granted ? 'GRANTED' : 'REFUSED',
    decided_at: decided ? at(decidedAt) : null,
    decided_by: decided ? `legal-aid-staff-${r.county}` : null,
    decision_reason: decided && !granted ? '经审查，申请人家庭经济状况不符合法律援助条件' : null,
    defense_deadline_at: granted ? at(decidedAt + 3 * DAY) : null,
    defense_lawyer_id: assigned ? rnd.pick(r.lawyers) : null,
    defense_assigned_at: assigned ? at(assignedAt) : null,
    defense_assigned_by: assigned ? `dispatcher-${r.county}` : null,
    idempotency_key: null,
  });
  return assigned;
}

/**
 * Inserts into one table, in batches once all rows are in (the demo's few thousand rows need no
 * bulk loader); flushed table by table, parents first, so foreign keys hold.
 */
class InsertWriter implements RowWriter {
  private rows: Record<string, unknown>[] = [];
  constructor(
    private readonly db: Kysely<any>,
    private readonly table: string,
  ) {}
  async write(row: Record<string, unknown>) {
    // jsonb columns take JSON text; text[] columns take arrays as they are.
    for (const [k, v] of Object.entries(row))
      if (Array.isArray(v) && v.some((x) => typeof x === 'object')) row[k] = JSON.stringify(v);
    this.rows.push(row);
  }
  async flush() {
    for (let i = 0; i < this.rows.length; i += 500)
      await this.db
        .insertInto(this.table)
        .values(this.rows.slice(i, i + 500))
        .execute();
    this.rows = [];
  }
}

const discard: RowWriter = { write: async () => {} };

/**
 * The demo's year of history (the national generator's small size), this subgraph's tables only:
 * every subgraph generates the same rows (up to the start of today, China time) and keeps its own,
 * so the organs' requests and justice's notices agree. Off when `DUTY_DEMO_HISTORY=0` (the tests
 * run on the hand-written demo data alone).
 */
export async function seedDemoHistory(db: Kysely<any>, subgraph: SubgraphName) {
  if (process.env.DUTY_DEMO_HISTORY === '0') return;
  const mine: InsertWriter[] = [];
  const writers = Object.fromEntries(
    Object.entries(ACTIVITY_TABLES).map(([s, tables]) => [
      s,
      Object.fromEntries(
        tables.map((t) => {
          if (s !== subgraph) return [t, discard];
          const w = new InsertWriter(db, t);
          mine.push(w);
          return [t, w];
        }),
      ),
    ]),
  ) as ActivityWriters;
  await generateActivity(DEMO_REGIONS, demoDirectory(), writers, {
    now: chinaInstant(chinaToday()).getTime(),
    days: 365,
    rate: 1,
  });
  for (const w of mine) await w.flush();
}

import { answeredLateCondition, type CounterSource, overdueCondition } from '@duty/kit';

// Justice counts a case (件) as one person's request at one stage: the notice's person key (or the
// notice, for an organ that sent none). Organs are the notice's sender; workstations the notice's.
const notice = `n.stage, n.organ_id, n.workstation_id, coalesce(n.person_key, n.id) as case_key, n.region_code`;

/** Ratings: a case is the workstation rated (host feedback) or the request followed up. */
const RATINGS = (where: string) => `select r.rated_at as at, null::text as stage, w.host_id as organ_id,
  r.workstation_id, coalesce(r.notice_id, r.workstation_id) as case_key, r.region_code
  from service_rating r join workstation w on w.id = r.workstation_id where ${where}`;

/** The legal aid agencies' counters: requests answered, help given, applications, duty days. */
export const JUSTICE_COUNTERS: readonly CounterSource[] = [
  {
    key: 'REQUESTS_RECEIVED',
    label: '收到法律帮助通知',
    sql: `select n.requested_at as at, ${notice} from help_request_notice n`,
  },
  {
    key: 'REQUESTS_ANSWERED_LATE',
    label: '逾期指派（超过办理期限才指派或办结）',
    sql: `select n.requested_at as at, ${notice} from help_request_notice n
      where ${answeredLateCondition('n.deadline_at', 'n.answered_at')}`,
  },
  {
    key: 'REQUESTS_OVERDUE',
    label: '超期未指派（已过办理期限，至今未指派）',
    sql: `select n.requested_at as at, ${notice} from help_request_notice n
      where ${overdueCondition('n.deadline_at', 'n.answered_at')}`,
  },
  {
    key: 'CONSULTATIONS',
    label: '法律咨询（接待）',
    sql: `select r.given_at as at, ${notice} from help_record r join help_request_notice n on n.id = r.notice_id
      where r.version = 1`,
  },
  {
    key: 'HELP_REFUSED_BY_ACCUSED',
    label: '当事人拒绝值班律师帮助',
    sql: `select e.at, ${notice} from notice_event e join help_request_notice n on n.id = e.notice_id
      where e.action = 'REFUSED_BY_ACCUSED'`,
  },
  {
    key: 'LEGAL_AID_APPLICATIONS_FORWARDED',
    label: '转交法律援助申请',
    sql: `select a.forwarded_at as at, ${notice} from legal_aid_application a join help_request_notice n on n.id = a.notice_id`,
  },
  {
    key: 'LEGAL_AID_APPLICATIONS_FORWARDED_LATE',
    label: '逾期转交法律援助申请',
    sql: `select a.forwarded_at as at, ${notice} from legal_aid_application a join help_request_notice n on n.id = a.notice_id
      where a.forwarded_at > a.forward_deadline_at`,
  },
  {
    key: 'PLEA_SIDES_DISAGREE',
    label: '具结书双方记录不一致',
    sql: `select w.recorded_at as at, 'REVIEW_FOR_PROSECUTION'::text as stage, null::text as organ_id,
      null::text as workstation_id, w.agreement_id as case_key, l.region_code
      from plea_witness w join lawyer l on l.id = w.lawyer_id where not (w.present and w.voluntary)`,
  },
  {
    key: 'LAWYER_DAYS_ON_DUTY',
    label: '值班律师值班（人天）',
    // Three of every four rows of a province's report: counted beside the other counters.
    separate: true,
    // One row per lawyer and China day on duty (several shifts a day count once); 件 = lawyers.
    sql: `select distinct on (s.lawyer_id, d.day) d.day as at, null::text as stage, w.host_id as organ_id,
      s.workstation_id, s.lawyer_id as case_key, w.region_code
      from duty_shift s join workstation w on w.id = s.workstation_id
      cross join lateral (select (date_trunc('day', (s.starts_at at time zone 'UTC') + interval '8 hours')
        - interval '8 hours') at time zone 'UTC' as day) d
      cross join report_window rw
      where s.status <> 'CANCELLED' and s.lawyer_id is not null and w.region_code like rw.region_prefix
        and s.starts_at >= rw.from_at - interval '1 day' and s.starts_at < rw.to_at`,
  },
  {
    key: 'HOST_FEEDBACK',
    label: '派驻单位征询意见（人次为评价次数）',
    sql: RATINGS("r.kind = 'HOST_FEEDBACK'"),
  },
  {
    key: 'HOST_FEEDBACK_SATISFIED',
    label: '派驻单位满意（4分及以上）',
    sql: RATINGS("r.kind = 'HOST_FEEDBACK' and r.rating >= 4"),
  },
  {
    key: 'CLIENT_FOLLOW_UPS',
    label: '当事人回访',
    sql: RATINGS("r.kind = 'CLIENT_FOLLOW_UP'"),
  },
  {
    key: 'CLIENT_SATISFIED',
    label: '当事人满意（4分及以上）',
    sql: RATINGS("r.kind = 'CLIENT_FOLLOW_UP' and r.rating >= 4"),
  },
];

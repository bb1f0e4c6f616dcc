import type { Principal } from '@duty/kit';

/**
 * One operation to put under load, on whatever data the federation serves: the demo data with the
 * bench's seeded notices (seed.ts), or an existing database (a national-scale dataset).
 */
export interface Workload {
  key: string;
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Who asks: a demo user id or any principal; anonymous when absent. */
  user?: string | Principal;
  /** Throws unless the answer's data is what the workload means to read (not empty, not partial). */
  check(data: any): void;
  /**
   * `public`: many callers send the very same request, so Hive runs with its defaults (merging
   * identical in-flight requests); `per-user`: Hive with its Rust planner and merging off.
   */
  audience: 'public' | 'per-user';
  /** How load is generated: autocannon (one request per operation on every path), or loops. */
  driver: 'autocannon' | 'loops';
}

/** What the workloads need from the data: ids, and the users who ask. */
export interface WorkloadData {
  board: { workstationId: string };
  inbox: { user: string | Principal; first?: number };
  followCase: { user: string | Principal; noticeId: string };
  report: { user: string | Principal; regionCode: string; from: string; to: string };
}

const expect = (ok: unknown, what: string) => {
  if (!ok) throw new Error(`incomplete answer: ${what}`);
};

/** 1. A workstation's public notice board, anonymous. */
export const boardWorkload = (d: WorkloadData['board']): Workload => ({
  key: 'board',
  title: `The public notice board (${d.workstationId}), anonymous`,
  query:
    'query($w: ID!) { workstationBoard(workstationId: $w) { sign dutyLawyers { name licenseNo mode hours } } }',
  variables: { w: d.workstationId },
  check: (data) => expect(data?.workstationBoard?.sign, 'workstationBoard'),
  audience: 'public',
  driver: 'autocannon',
});

const ORGAN_REQUEST = `
  ... on CourtHelpRequest { requestedBy court { name } case { caseNumber charges } person { name residentIdNumber } }
  ... on ProcuratorateHelpRequest { requestedBy procuratorate { name } case { caseNumber charges } person { name residentIdNumber } }
  ... on PoliceHelpRequest { requestedBy detentionCenter { name } case { caseNumber charges } person { name residentIdNumber } }`;

/** 2. The dispatcher's inbox page across organs, each item with its organ's request, case and accused. */
export const inboxWorkload = (d: WorkloadData['inbox']): Workload => {
  const first = d.first ?? 10;
  return {
    key: 'inbox',
    title: `The dispatcher's inbox, a page of ${first} across organs`,
    query: `query($first: Int) { noticeInbox(first: $first, order: NEWEST) { edges { node { id status overdue deadlineAt
      workstation { name } request { ${ORGAN_REQUEST} } } } } }`,
    variables: { first },
    user: d.user,
    check: (data) => {
      const edges = data?.noticeInbox?.edges ?? [];
      expect(edges.length === first, `${edges.length} of ${first} inbox items`);
      expect(
        edges.every((e: any) => e.node.request?.person),
        'an inbox item without its request',
      );
    },
    audience: 'per-user',
    driver: 'loops',
  };
};

/**
 * 3. One case followed through the agencies: the duty lawyer's assignment at justice (status,
 * history, workstation, help records so far) with the organ's request, its case, accused and
 * organ (the organ asks justice whether the lawyer is assigned before it answers).
 */
export const followCaseWorkload = (d: WorkloadData['followCase']): Workload => ({
  key: 'followCase',
  title: 'One case followed through the agencies: the duty lawyer reads an assignment',
  query: `query($id: ID!) { myAssignment(id: $id) { id status stage deadlineAt overdue assignedAt
    workstation { name address } lawyer { name licenseNo } history { action statusAfter actor at }
    helpRecords { id givenAt mode } priorHelp { id givenAt organKind }
    request {
      ... on CourtHelpRequest { id requestedBy requestedAt deadlineAt court { name phone }
        case { caseNumber charges receivedAt accused { name } } person { name residentIdNumber hasDefenseCounsel } }
      ... on ProcuratorateHelpRequest { id requestedBy requestedAt deadlineAt procuratorate { name phone }
        case { caseNumber charges } person { name residentIdNumber hasDefenseCounsel } }
      ... on PoliceHelpRequest { id requestedBy requestedAt deadlineAt detentionCenter { name phone }
        case { caseNumber charges } person { name residentIdNumber hasDefenseCounsel } }
    } } }`,
  variables: { id: d.noticeId },
  user: d.user,
  check: (data) => {
    expect(data?.myAssignment?.lawyer, 'myAssignment');
    expect(data.myAssignment.request?.case && data.myAssignment.request?.person, "the organ's request");
  },
  audience: 'per-user',
  driver: 'loops',
});

/** 4. The joint-meeting report for a region and period, each agency's figures from its own subgraph. */
export const reportWorkload = (d: WorkloadData['report']): Workload => ({
  key: 'report',
  title: `The joint-meeting report, ${d.regionCode} from ${d.from} to ${d.to}`,
  query: `query($r: RegionCode!, $from: LocalDate!, $to: LocalDate!) { jointMeetingReport(regionCode: $r, from: $from, to: $to) {
    justice { key cases personTimes byMonth { key personTimes } } court { key cases personTimes byOrgan { key personTimes } }
    procuratorate { key cases personTimes } publicSecurity { key cases personTimes } } }`,
  variables: { r: d.regionCode, from: d.from, to: d.to },
  user: d.user,
  check: (data) => {
    const help = data?.jointMeetingReport?.court?.find((c: any) => c.key === 'HELP_REQUESTS');
    expect(help?.personTimes, 'the courts’ help requests');
    for (const part of ['justice', 'procuratorate', 'publicSecurity'])
      expect(data.jointMeetingReport[part]?.length, part);
  },
  audience: 'per-user',
  driver: 'loops',
});

export const allWorkloads = (d: WorkloadData): Workload[] => [
  boardWorkload(d.board),
  inboxWorkload(d.inbox),
  followCaseWorkload(d.followCase),
  reportWorkload(d.report),
];

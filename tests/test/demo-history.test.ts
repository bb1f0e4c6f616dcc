import { addDays, chinaToday } from '@duty/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

// `pnpm start` seeds a year of generated history beside the hand-written demo data (the national
// generator's small size); the other tests turn it off. Here it is on.
let f: Federation;
beforeAll(async () => {
  process.env.DUTY_DEMO_HISTORY = '1';
  try {
    f = await startTestFederation();
  } finally {
    process.env.DUTY_DEMO_HISTORY = '0';
  }
});
afterAll(() => f?.stop());

const today = chinaToday();
const yearAgo = addDays(today, -364);
const counter = (part: { key: string; personTimes: number }[], key: string) =>
  part.find((c) => c.key === key)?.personTimes ?? 0;

describe('the demo with a year of history', () => {
  it("fills the joint meeting's report, and every organ request has its notice at justice", async () => {
    const res = await f.query(
      `query($from: LocalDate!, $to: LocalDate!) { jointMeetingReport(regionCode: "440000", from: $from, to: $to) {
        justice { key personTimes } court { key personTimes } procuratorate { key personTimes } publicSecurity { key personTimes } } }`,
      { token: await f.tokenFor('justice-admin-440000'), variables: { from: yearAgo, to: today } },
    );
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data.jointMeetingReport;
    const organRequests =
      counter(r.court, 'HELP_REQUESTS') +
      counter(r.procuratorate, 'HELP_REQUESTS') +
      counter(r.publicSecurity, 'HELP_REQUESTS');
    // Four counties over a year: hundreds of requests, not the handful of hand-written ones.
    expect(organRequests).toBeGreaterThan(300);
    expect(counter(r.justice, 'REQUESTS_RECEIVED')).toBe(organRequests);
    expect(counter(r.justice, 'CONSULTATIONS')).toBeGreaterThan(0);
    expect(counter(r.justice, 'REQUESTS_ANSWERED_LATE')).toBeGreaterThan(0);
    expect(counter(r.justice, 'LEGAL_AID_APPLICATIONS_FORWARDED')).toBeGreaterThan(0);
    expect(counter(r.justice, 'LEGAL_AID_APPLICATIONS_FORWARDED_LATE')).toBeGreaterThan(0);
  });

  it("shows a county dispatcher's history with each organ's case and accused", async () => {
    const res = await f.query(
      `{ noticeInbox(first: 50, status: [COMPLETED]) { edges { node { status request {
        ... on CourtHelpRequest { case { caseNumber } person { name } }
        ... on ProcuratorateHelpRequest { case { caseNumber } person { name } }
        ... on PoliceHelpRequest { case { caseNumber } person { name } } } } } } }`,
      { token: await f.tokenFor('dispatcher-440106') },
    );
    expect(res.body.errors).toBeUndefined();
    const edges = res.body.data.noticeInbox.edges;
    expect(edges).toHaveLength(50);
    for (const e of edges) {
      expect(e.node.status).toBe('COMPLETED');
      expect(e.node.request.case.caseNumber).toContain('440106');
      expect(e.node.request.person.name.length).toBeGreaterThanOrEqual(2);
    }
  });
});

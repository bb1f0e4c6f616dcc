import { peerIssuer, signServiceToken } from '@duty/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, postGraphQL, startTestFederation, unreachableUrl, until } from '../src/harness.js';

let f: Federation;
let courtStaff: string;
let dispatcher: string;

beforeAll(async () => {
  f = await startTestFederation();
  courtStaff = await f.tokenFor('court-staff-110105');
  dispatcher = await f.tokenFor('dispatcher-110105');
});
afterAll(() => f?.stop());

const RECORD = /* GraphQL */ `
  mutation ($p: ID!, $by: HelpRequestedBy!, $name: String, $rel: String, $key: String) {
    recordCourtHelpRequest(personId: $p, requestedBy: $by, relativeName: $name, relativeRelation: $rel, idempotencyKey: $key) {
      id deadlineAt person { name } case { caseNumber }
    }
  }
`;
const INBOX = /* GraphQL */ `
  query ($first: Int, $order: InboxOrder, $after: String, $kind: OrganKind) {
    noticeInbox(first: $first, order: $order, after: $after, organKind: $kind) {
      edges { cursor node { id status stage overdue deadlineAt workstation { id }
        request { __typename ... on CourtHelpRequest { id requestedBy court { name } case { caseNumber } person { name residentIdNumber phone } } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const justiceDb = () => f.subgraphs.justice!.database.db;
const courtDb = () => f.subgraphs.court!.database.db;
const inboxCount = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) n from help_request_notice`.execute(justiceDb())).rows[0]!.n,
  );

describe('rights notices and help requests at a court', () => {
  it('records a refusal of help, kept on the person', async () => {
    const res = await f.query(
      `mutation { recordCourtRightsNotice(personId: "case-court-110105-1-p1", method: WRITTEN, answer: DECLINES, note: "本人表示暂不需要") { answer method } }`,
      { token: courtStaff },
    );
    expect(res.body.data.recordCourtRightsNotice).toEqual({ answer: 'DECLINES', method: 'WRITTEN' });
  });

  it('notifies the legal aid agency, whose inbox shows the organ’s details through federation', async () => {
    const before = await inboxCount();
    const res = await f.query(RECORD, {
      token: courtStaff,
      variables: { p: 'case-court-110105-1-p1', by: 'RELATIVE', name: '张秀兰', rel: '母亲' },
    });
    expect(res.body.errors).toBeUndefined();
    const { id, deadlineAt } = res.body.data.recordCourtHelpRequest;
    // Default for a court: 48 hours.
    expect(new Date(deadlineAt).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
    await until(inboxCount, (n) => n === before + 1);
    const inbox = await f.query(INBOX, { token: dispatcher, variables: { first: 10 } });
    expect(inbox.body.errors).toBeUndefined();
    const item = inbox.body.data.noticeInbox.edges.find((e: any) => e.node.request?.id === id).node;
    expect(item).toMatchObject({
      status: 'RECEIVED',
      stage: 'TRIAL',
      overdue: false,
      workstation: { id: 'ws-court-110105' },
      request: {
        __typename: 'CourtHelpRequest',
        requestedBy: 'RELATIVE',
        court: { name: '北京市朝阳区人民法院' },
      },
    });
    expect(item.request.case.caseNumber).toMatch(/刑初101号$/);
    // The dispatcher sees the accused's name; ID number and phone stay masked.
    expect(item.request.person.residentIdNumber).toMatch(/\*{8,}/);
    expect(item.request.person.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const own = await f.query(
      `{ courtCases(first: 5) { edges { node { accused { residentIdNumber } } } } }`,
      { token: courtStaff },
    );
    expect(own.body.data.courtCases.edges[0].node.accused[0].residentIdNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('tells the court when the accused already has defense counsel, and queues nothing', async () => {
    const before = Number(
      (await sql<{ n: string }>`select count(*) n from kit_outbox`.execute(courtDb())).rows[0]!.n,
    );
    const res = await f.query(RECORD, {
      token: courtStaff,
      variables: { p: 'case-court-110105-2-p2', by: 'ACCUSED' },
    });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.body.errors?.[0]?.message).toContain('已有辩护人');
    const after = Number(
      (await sql<{ n: string }>`select count(*) n from kit_outbox`.execute(courtDb())).rows[0]!.n,
    );
    expect(after).toBe(before);
  });

  it('refuses bad input and other courts, changing nothing', async () => {
    const unknown = await f.query(RECORD, { token: courtStaff, variables: { p: 'nobody', by: 'ACCUSED' } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const noName = await f.query(RECORD, {
      token: courtStaff,
      variables: { p: 'case-court-110105-2-p1', by: 'RELATIVE' },
    });
    expect(noName.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noName.body.errors?.[0]?.message).toContain('近亲属');
    const other = await f.query(RECORD, {
      token: await f.tokenFor('court-staff-110101'),
      variables: { p: 'case-court-110105-2-p1', by: 'ACCUSED' },
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('does not duplicate a request repeated with the same idempotency key', async () => {
    const vars = { p: 'case-court-110105-2-p1', by: 'ACCUSED', key: 'court-req-0001-retry' };
    const a = await f.query(RECORD, { token: courtStaff, variables: vars });
    const b = await f.query(RECORD, { token: courtStaff, variables: vars });
    expect(b.body.data.recordCourtHelpRequest.id).toBe(a.body.data.recordCourtHelpRequest.id);
    const n = await sql<{
      n: string;
    }>`select count(*) n from help_request where idempotency_key = 'court-req-0001-retry'`.execute(courtDb());
    expect(Number(n.rows[0]!.n)).toBe(1);
  });

  it('loses nothing while justice is unreachable, and delivers each notice once when it returns', async () => {
    // Point the court at a port where nothing answers: justice is "down" for the relay.
    const justiceUrl = f.peerUrls.justice!;
    f.peerUrls.justice = await unreachableUrl();
    const before = await inboxCount();
    const ids: string[] = [];
    for (const p of ['case-court-110101-1-p1', 'case-court-110101-2-p1', 'case-court-110108-1-p1']) {
      const staff = await f.tokenFor(`court-staff-${p.slice(11, 17)}`);
      const res = await f.query(RECORD, { token: staff, variables: { p, by: 'ACCUSED' } });
      expect(res.body.errors).toBeUndefined();
      ids.push(res.body.data.recordCourtHelpRequest.id);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await inboxCount()).toBe(before);
    const waiting = await sql<{
      n: string;
    }>`select count(*) n from kit_outbox where delivered_at is null and attempts > 0`.execute(courtDb());
    expect(Number(waiting.rows[0]!.n)).toBe(3);
    f.peerUrls.justice = justiceUrl;
    // Backoff after failures is short at first; the relay retries on its own.
    await until(inboxCount, (n) => n === before + 3, 15_000);
    expect(await inboxCount()).toBe(before + 3);
    const got = await sql<{
      request_id: string;
    }>`select request_id from help_request_notice where request_id in (${sql.join(ids)})`.execute(
      justiceDb(),
    );
    expect(got.rows.map((r) => r.request_id).sort()).toEqual([...ids].sort());
  });

  it('accepts notices only from the organ relays themselves, never through the gateway', async () => {
    const viaGateway = await f.query(
      `mutation { receiveHelpRequestNotice(notice: { requestId: "x", requestType: "CourtHelpRequest", subgraph: "court", organKind: COURT, organId: "court-110105", regionCode: "110105", stage: TRIAL, requestedAt: "2026-01-01T00:00:00Z", deadlineAt: "2026-01-02T00:00:00Z" }) }`,
      { token: dispatcher },
    );
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const notice = {
      requestId: 'forged-1',
      requestType: 'CourtHelpRequest',
      subgraph: 'court',
      organKind: 'COURT',
      organId: 'court-110105',
      regionCode: '110105',
      stage: 'TRIAL',
      requestedAt: '2026-01-01T00:00:00Z',
      deadlineAt: '2026-01-02T00:00:00Z',
    };
    const m = {
      query: 'mutation($n: HelpRequestNoticeInput!) { receiveHelpRequestNotice(notice: $n) }',
      variables: { n: notice },
    };
    const url = f.subgraphs.justice!.graphqlUrl;
    const { findDemoUser } = await import('@duty/kit/demo');
    const asGateway = await postGraphQL(url, m, {
      authorization: `Bearer ${await signServiceToken(f.signingKey, findDemoUser('dispatcher-110105')!, 'justice')}`,
    });
    expect(asGateway.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asProcuratorate = await postGraphQL(url, m, {
      authorization: `Bearer ${await signServiceToken(f.subgraphKeys.procuratorate!, null, 'justice', peerIssuer('procuratorate'))}`,
    });
    expect(asProcuratorate.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The court's own relay, but a notice about another kind of organ: refused, not filed.
    const wrongKind = await postGraphQL(
      url,
      { ...m, variables: { n: { ...notice, organKind: 'PROCURATORATE' } } },
      {
        authorization: `Bearer ${await signServiceToken(f.subgraphKeys.court!, null, 'justice', peerIssuer('court'))}`,
      },
    );
    expect(wrongKind.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const n = await sql<{
      n: string;
    }>`select count(*) n from help_request_notice where request_id = 'forged-1'`.execute(justiceDb());
    expect(Number(n.rows[0]!.n)).toBe(0);
  });

  it('pages the inbox, most urgent first, and keeps it from other roles', async () => {
    await sql`insert into deadline_rule (region_prefix, organ_kind, hours) values ('110105', 'COURT', 24)`.execute(
      courtDb(),
    );
    const res = await f.query(RECORD, {
      token: courtStaff,
      variables: { p: 'case-court-110105-2-p1', by: 'ACCUSED', key: 'court-req-urgent-1' },
    });
    const urgentId = res.body.data.recordCourtHelpRequest.id;
    expect(new Date(res.body.data.recordCourtHelpRequest.deadlineAt).getTime() - Date.now()).toBeLessThan(
      24 * 3600_000 + 60_000,
    );
    await until(
      async () =>
        (
          await sql<{
            n: string;
          }>`select count(*) n from help_request_notice where request_id = ${urgentId}`.execute(justiceDb())
        ).rows[0]!.n,
      (n) => Number(n) === 1,
    );
    // Page by page, one item at a time, the courts' notices come in deadline order, the urgent
    // one where its deadline puts it.
    const expected = (
      await sql<{ request_id: string }>`select request_id from help_request_notice
        where organ_kind = 'COURT' and region_code like '110105%' order by deadline_at, id`.execute(
        justiceDb(),
      )
    ).rows.map((r) => r.request_id);
    expect(expected).toContain(urgentId);
    const paged: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < expected.length; i += 1) {
      const page = await f.query(INBOX, {
        token: dispatcher,
        variables: { first: 1, order: 'MOST_URGENT', kind: 'COURT', after },
      });
      paged.push(page.body.data.noticeInbox.edges[0].node.request.id);
      after = page.body.data.noticeInbox.pageInfo.endCursor;
    }
    expect(paged).toEqual(expected);
    const forged = Buffer.from('r:["garbage","x"]').toString('base64url');
    const bad = await f.query(INBOX, { token: dispatcher, variables: { first: 1, after: forged } });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toBe('分页游标无效');
    for (const user of ['court-staff-110105', 'lawyer-110105-01']) {
      const denied = await f.query(INBOX, { token: await f.tokenFor(user), variables: { first: 1 } });
      expect(denied.body.errors?.[0]?.extensions?.code, user).toBe('FORBIDDEN');
    }
    const otherCourt = await f.query(
      `query($id: ID!) { _entities(representations: [{ __typename: "CourtHelpRequest", id: $id }]) { __typename } }`,
      {
        token: await f.tokenFor('court-staff-110101'),
        variables: { id: urgentId },
      },
    );
    expect(otherCourt.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

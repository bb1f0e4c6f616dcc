import { generateSigningKey, peerIssuer, signServiceToken } from '@duty/kit';
import { demoDirectory } from '@duty/kit/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, postGraphQL, startTestFederation } from '../src/harness.js';

const ACROSS_ALL = /* GraphQL */ `
  query Overview($first: Int) {
    workstations(first: $first) {
      edges {
        node {
          id
          name
          agency { name justiceBureau { name } }
          host {
            __typename
            ... on Court { name level }
            ... on Procuratorate { name }
            ... on DetentionCenter { name policeOrgan { name kind } }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

let f: Federation;
let dispatcher: string;

beforeAll(async () => {
  f = await startTestFederation();
  dispatcher = await f.tokenFor('dispatcher-110105');
});
afterAll(() => f?.stop());

const statements = () =>
  Object.fromEntries(Object.entries(f.subgraphs).map(([n, s]) => [n, s.database.statements]));
const delta = (before: Record<string, number>) =>
  Object.fromEntries(Object.entries(statements()).map(([n, v]) => [n, v - (before[n] ?? 0)]));

describe('one graph across four agencies', () => {
  it('answers a query that touches justice, court, procuratorate and public security', async () => {
    const res = await f.query(ACROSS_ALL, { token: dispatcher, variables: { first: 10 } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data.workstations.edges.map((e: any) => e.node);
    // 朝阳区: one workstation each at the court, the procuratorate and the detention center.
    expect(nodes.map((n: any) => n.host.__typename).sort()).toEqual([
      'Court',
      'DetentionCenter',
      'Procuratorate',
    ]);
    const byType = Object.fromEntries(nodes.map((n: any) => [n.host.__typename, n]));
    expect(byType.Court.host).toEqual({ __typename: 'Court', name: '北京市朝阳区人民法院', level: 'BASIC' });
    expect(byType.Procuratorate.host.name).toBe('北京市朝阳区人民检察院');
    expect(byType.DetentionCenter.host.policeOrgan).toEqual({
      name: '北京市公安局朝阳分局',
      kind: 'PUBLIC_SECURITY',
    });
    expect(byType.Court.agency).toEqual({
      name: '北京市朝阳区法律援助中心',
      justiceBureau: { name: '北京市朝阳区司法局' },
    });
  });

  it('resolves a court and then its workstations from the justice subgraph', async () => {
    const res = await f.query('{ court(id: "court-110105") { name workstations { name hostKind } } }', {
      token: dispatcher,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.court).toEqual({
      name: '北京市朝阳区人民法院',
      workstations: [{ name: '北京市朝阳区人民法院法律援助工作站', hostKind: 'COURT' }],
    });
  });

  it('batches entity references: SQL statements per subgraph do not grow with the list', async () => {
    const province = await f.tokenFor('justice-admin-440000');
    const run = async (hostKind: string, first: number) => {
      const before = statements();
      const res = await f.query(
        `query($first: Int, $kind: WorkstationHostKind) {
          workstations(first: $first, hostKind: $kind) { edges { node { name agency { name justiceBureau { name } }
            host { ... on Court { name } ... on Procuratorate { name } ... on DetentionCenter { name policeOrgan { name } } } } } }
        }`,
        { token: province, variables: { first, kind: hostKind } },
      );
      expect(res.body.errors).toBeUndefined();
      return { count: res.body.data.workstations.edges.length, sql: delta(before) };
    };
    for (const kind of ['COURT', 'PROCURATORATE', 'DETENTION_CENTER']) {
      const one = await run(kind, 1);
      const many = await run(kind, 6);
      expect(one.count).toBe(1);
      expect(many.count).toBeGreaterThanOrEqual(4);
      expect(many.sql, kind).toEqual(one.sql);
      // Each subgraph sees a fixed handful of batched queries, never one per item.
      for (const n of Object.values(many.sql)) expect(n).toBeLessThanOrEqual(3);
    }
  });

  it('pages with cursors', async () => {
    const first = await f.query(ACROSS_ALL, {
      token: await f.tokenFor('justice-admin-110000'),
      variables: { first: 4 },
    });
    const page1 = first.body.data.workstations;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const next = await f.query(
      'query($after: String) { workstations(first: 4, after: $after) { edges { node { id } } } }',
      { token: await f.tokenFor('justice-admin-110000'), variables: { after: page1.pageInfo.endCursor } },
    );
    const ids1 = page1.edges.map((e: any) => e.node.id);
    const ids2 = next.body.data.workstations.edges.map((e: any) => e.node.id);
    expect(ids2).toHaveLength(4);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
  });
});

describe('authorization in the subgraphs', () => {
  it('refuses the anonymous public with UNAUTHENTICATED', async () => {
    const res = await f.query('{ courts { edges { node { name } } } }');
    expect(res.body.data?.courts ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives FORBIDDEN (and null) for a field the role may not see, the rest still answers', async () => {
    const court = await f.tokenFor('court-staff-110105');
    const res = await f.query(
      '{ lawyer(id: "lawyer-110105-01") { name licenseNo residentIdNumber phone } }',
      {
        token: court,
      },
    );
    expect(res.body.data.lawyer.name).toBeTruthy();
    expect(res.body.data.lawyer.licenseNo).toMatch(/^\d{17}$/);
    expect(res.body.data.lawyer.residentIdNumber).toBeNull();
    expect(res.body.data.lawyer.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.errors?.[0]?.message).toBe('无权查看律师的居民身份证号码');
    expect(res.body.errors?.[0]?.path).toEqual(['lawyer', 'residentIdNumber']);
  });

  it('shows private details whole to legal aid staff of the region and to the lawyer, masked otherwise', async () => {
    const q = '{ lawyer(id: "lawyer-110105-01") { residentIdNumber phone } }';
    const staff = await f.query(q, { token: dispatcher });
    expect(staff.body.errors).toBeUndefined();
    expect(staff.body.data.lawyer.residentIdNumber).toMatch(/^110105\d{11}[\dX]$/);
    expect(staff.body.data.lawyer.phone).toMatch(/^1\d{10}$/);
    const self = await f.query(q, { token: await f.tokenFor('lawyer-110105-01') });
    expect(self.body.data.lawyer.residentIdNumber).toBe(staff.body.data.lawyer.residentIdNumber);
    // Legal aid staff of another region: masked. Another lawyer: no ID number at all, phone masked.
    const otherRegion = await f.query(q, { token: await f.tokenFor('dispatcher-440304') });
    expect(otherRegion.body.data.lawyer.residentIdNumber).toMatch(/^110\*+\d{3}[\dX]$/);
    expect(otherRegion.body.data.lawyer.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const otherLawyer = await f.query(q, { token: await f.tokenFor('lawyer-110101-01') });
    expect(otherLawyer.body.data.lawyer.residentIdNumber).toBeNull();
    expect(otherLawyer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(otherLawyer.body.data.lawyer.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('lets any signed-in user read directory data across regions, by id and through references', async () => {
    // Courts, agencies and lawyers' public identity are directory data (published rosters, art. 6);
    // cross-region work (lending lawyers, transferred cases) needs it. Lists stay region-scoped.
    const res = await f.query(
      '{ court(id: "court-440304") { name workstations { name } } lawyer(id: "lawyer-440304-01") { name phone } }',
      { token: dispatcher },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.court).toEqual({
      name: '深圳市福田区人民法院',
      workstations: [{ name: '深圳市福田区人民法院法律援助工作站' }],
    });
    expect(res.body.data.lawyer.phone).toMatch(/\*{4}/);
  });

  it('scopes lists by region code prefix', async () => {
    const county = await f.query('{ courts { edges { node { id } } } }', { token: dispatcher });
    expect(county.body.data.courts.edges.map((e: any) => e.node.id)).toEqual(['court-110105']);
    const province = await f.query('{ courts(first: 50) { edges { node { regionCode } } } }', {
      token: await f.tokenFor('justice-admin-110000'),
    });
    const codes = province.body.data.courts.edges.map((e: any) => e.node.regionCode);
    expect(codes.length).toBe(demoDirectory().courts.filter((c) => c.regionCode.startsWith('11')).length);
    expect(codes.every((c: string) => c.startsWith('11'))).toBe(true);
    const outside = await f.query('{ courts(regionCode: "440304") { edges { node { id } } } }', {
      token: dispatcher,
    });
    expect(outside.body.data?.courts ?? null).toBeNull();
    expect(outside.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('bad input gets a clear error', () => {
  it('rejects an unknown region code, as a literal and as a variable', async () => {
    const literal = await f.query('{ courts(regionCode: "999999") { edges { node { id } } } }', {
      token: dispatcher,
    });
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(literal.body.errors?.[0]?.message).toContain('行政区划代码');
    const variable = await f.query(
      'query($r: RegionCode) { courts(regionCode: $r) { edges { node { id } } } }',
      {
        token: dispatcher,
        variables: { r: '12345' },
      },
    );
    expect(variable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.body.errors?.[0]?.message).toMatch(/行政区划代码/);
  });

  it('rejects a page size over the limit and a forged cursor', async () => {
    const big = await f.query('{ lawyers(first: 500) { edges { node { id } } } }', { token: dispatcher });
    expect(big.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.body.errors?.[0]?.message).toContain('每页条数');
    const cursor = await f.query('{ lawyers(after: "bm9wZQ") { edges { node { id } } } }', {
      token: dispatcher,
    });
    expect(cursor.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cursor.body.errors?.[0]?.message).toContain('分页游标无效');
  });

  it('says NOT_FOUND for an unknown id', async () => {
    const res = await f.query('{ court(id: "court-999999") { name } }', { token: dispatcher });
    expect(res.body.data.court).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.body.errors?.[0]?.message).toContain('未找到法院');
  });
});

describe('the gateway', () => {
  it('rejects a bad user token with 401 and a Chinese message', async () => {
    const res = await f.query('{ courts { edges { node { id } } } }', { token: 'not.a.jwt' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { key: stranger } = await generateSigningKey('stranger');
    const { mintDevToken } = await import('@duty/gateway');
    const forged = await mintDevToken(
      stranger,
      (await import('@duty/kit/demo')).findDemoUser('dispatcher-110105')!,
    );
    const res2 = await f.query('{ courts { edges { node { id } } } }', { token: forged });
    expect(res2.status).toBe(401);
    expect(res2.body.errors?.[0]?.message).toBe('身份凭证无效');
    const { mintDevToken: mint } = await import('@duty/gateway');
    const expired = await mint(
      f.issuerKey,
      (await import('@duty/kit/demo')).findDemoUser('dispatcher-110105')!,
      '-1h',
    );
    const res3 = await f.query('{ courts { edges { node { id } } } }', { token: expired });
    expect(res3.status).toBe(401);
    expect(res3.body.errors?.[0]?.message).toBe('身份凭证已过期，请重新登录');
  });

  it('limits depth and aliases, and refuses batched requests', async () => {
    const deep = `{ court(id: "court-110105") { ${'parentCourt { '.repeat(13)} name ${'} '.repeat(13)} } }`;
    const res = await f.query(deep, { token: dispatcher });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0]?.message).toContain('嵌套过深');
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: court(id: "court-110105") { name }`).join(' ')} }`;
    const res2 = await f.query(aliases, { token: dispatcher });
    expect(res2.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // Aliases hidden in nested fragments count each time the fragment is spread.
    const fragments = `
      query { a: court(id: "court-110105") { ...F3 } b: court(id: "court-110105") { ...F3 } }
      fragment F1 on Court { a1: name a2: name a3: name a4: name a5: name }
      fragment F2 on Court { b1: parentCourt { ...F1 } b2: parentCourt { ...F1 } }
      fragment F3 on Court { c1: parentCourt { ...F2 } c2: parentCourt { ...F2 } }`;
    const hidden = await f.query(fragments, { token: dispatcher });
    expect(hidden.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(hidden.body.errors?.[0]?.message).toContain('别名过多');
    const batch = await postGraphQL(f.gateway.graphqlUrl, [
      { query: '{ __typename }' },
      { query: '{ __typename }' },
    ]);
    expect(batch.status).toBe(400);
  });

  it('gives every request an id, returns it, and the subgraphs log the same id', async () => {
    const requestId = 'test-request-0001';
    const res = await f.query('{ court(id: "court-110105") { name workstations { name } } }', {
      token: dispatcher,
      headers: { 'x-request-id': requestId },
    });
    expect(res.headers['x-request-id']).toBe(requestId);
    const logged = (lines: Record<string, unknown>[]) => lines.some((l) => l.requestId === requestId);
    expect(logged(f.gatewayLogs)).toBe(true);
    expect(logged(f.subgraphs.court!.logs)).toBe(true);
    expect(logged(f.subgraphs.justice!.logs)).toBe(true);
    const generated = await f.query('{ __typename }');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports health and readiness', async () => {
    const { request } = await import('undici');
    const health = await request(`${f.gateway.url}/healthz`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    const ready = await request(`${f.gateway.url}/readyz`);
    const body = (await ready.body.json()) as { subgraphs: Record<string, string> };
    expect(body.subgraphs).toEqual({
      justice: 'ready',
      court: 'ready',
      procuratorate: 'ready',
      'public-security': 'ready',
    });
    const sub = await request(`${f.subgraphs.court!.url}/readyz`);
    expect(await sub.body.json()).toMatchObject({ status: 'ready' });
  });
});

describe('subgraphs are no open side door', () => {
  const q = { query: '{ __typename }' };
  const names = ['justice', 'court', 'procuratorate', 'public-security'];

  it.each(names)(
    '%s answers 401 without a token, or with a forged, expired, wrong-audience token',
    async (name) => {
      const principal = (await import('@duty/kit/demo')).findDemoUser('court-staff-110105')!;
      const url = f.subgraphs[name]!.graphqlUrl;
      const { key: stranger } = await generateSigningKey('stranger');
      const forged = await signServiceToken(stranger, principal, name);
      const wrongAudience = await signServiceToken(
        f.signingKey,
        principal,
        name === 'court' ? 'justice' : 'court',
      );
      const { SignJWT } = await import('jose');
      const expired = await new SignJWT({ anonymous: true })
        .setProtectedHeader({ alg: 'ES256', kid: f.signingKey.kid })
        .setIssuer('duty-gateway')
        .setAudience(name)
        .setSubject('anonymous')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
        .sign(f.signingKey.privateKey);
      const none = await postGraphQL(url, q);
      expect(none.status).toBe(401);
      expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      for (const token of [forged, wrongAudience, expired, 'garbage']) {
        const res = await postGraphQL(url, q, { authorization: `Bearer ${token}` });
        expect(res.status, token.slice(0, 20)).toBe(401);
        expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(res.body.data).toBeUndefined();
      }
      // The same request with a token the gateway signed for this subgraph is served.
      const valid = await signServiceToken(f.signingKey, principal, name);
      const ok = await postGraphQL(url, q, { authorization: `Bearer ${valid}` });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toEqual({ __typename: 'Query' });
    },
  );

  it('serves a direct call with a valid token under the same rules as through the gateway', async () => {
    const principal = (await import('@duty/kit/demo')).findDemoUser('court-staff-110105')!;
    const valid = await signServiceToken(f.signingKey, principal, 'court');
    const ok = await postGraphQL(
      f.subgraphs.court!.graphqlUrl,
      { query: '{ courts { edges { node { id } } } }' },
      { authorization: `Bearer ${valid}` },
    );
    expect(ok.body.data.courts.edges).toEqual([{ node: { id: 'court-110105' } }]);
  });

  it('accepts a peer subgraph acting for the same principal, and only the peer whose key signed', async () => {
    const principal = (await import('@duty/kit/demo')).findDemoUser('dispatcher-110105')!;
    const url = f.subgraphs.court!.graphqlUrl;
    const q2 = { query: '{ court(id: "court-110105") { name } }' };
    const fromJustice = await signServiceToken(
      f.subgraphKeys.justice!,
      principal,
      'court',
      peerIssuer('justice'),
    );
    const ok = await postGraphQL(url, q2, { authorization: `Bearer ${fromJustice}` });
    expect(ok.body).toEqual({ data: { court: { name: '北京市朝阳区人民法院' } } });
    // Justice's key claiming to be the procuratorate, and the court vouching for itself: refused.
    const impostor = await signServiceToken(
      f.subgraphKeys.justice!,
      principal,
      'court',
      peerIssuer('procuratorate'),
    );
    const self = await signServiceToken(f.subgraphKeys.court!, principal, 'court', peerIssuer('court'));
    for (const token of [impostor, self]) {
      const res = await postGraphQL(url, q2, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
    }
  });
});

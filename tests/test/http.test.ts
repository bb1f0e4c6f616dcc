import { connect } from 'node:net';
import { subgraphDefinitions } from '@duty/gateway';
import { createLogger, createTokenSigner, type RunningSubgraph, startSubgraph } from '@duty/kit';
import { findDemoUser } from '@duty/kit/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, postGraphQL, startTestFederation } from '../src/harness.js';

let f: Federation;
let productionCourt: RunningSubgraph;
beforeAll(async () => {
  f = await startTestFederation();
  productionCourt = await startSubgraph(subgraphDefinitions.find((d) => d.name === 'court')!, {
    port: 0,
    database: { name: 'court' },
    gatewayPublicJwk: f.signingKey.publicJwk,
    production: true,
    demo: false,
    log: createLogger('court', { level: 'silent' }),
  });
});
afterAll(async () => {
  await productionCourt?.stop();
  await f?.stop();
});

/** Sends raw bytes on one connection; resolves with what came back once the server closes it. */
function rawExchange(url: string, head: string, body: Buffer, ms = 5000) {
  const { hostname, port } = new URL(url);
  return new Promise<{ text: string; closedByServer: boolean }>((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedByServer: false });
    }, ms);
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedByServer: true });
    });
    socket.write(head);
    socket.write(body);
  });
}

describe('HTTP hygiene', () => {
  it('answers an oversized body with 413 and closes the connection instead of reading the rest as a request', async () => {
    for (const url of [f.gateway.graphqlUrl, f.subgraphs.court!.graphqlUrl]) {
      const declared = 3 * 1024 * 1024;
      const head = `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nauthorization: Bearer x.y.z\r\ncontent-length: ${declared}\r\n\r\n`;
      const res = await rawExchange(url, head, Buffer.alloc(1_200_000, 'a'));
      expect(res.text, url).toMatch(/^HTTP\/1\.1 (413|401) /);
      expect(res.text.toLowerCase(), url).toContain('connection: close');
      expect(res.closedByServer, url).toBe(true);
    }
  });

  it('sends security headers on every GraphQL answer, gateway and subgraphs alike', async () => {
    const token = await f.tokenFor('court-staff-110105');
    const answers = [
      await f.query('{ __typename }', { token }),
      await postGraphQL(f.subgraphs.justice!.graphqlUrl, { query: '{ __typename }' }),
    ];
    for (const res of answers) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('an unknown operation name is the client’s mistake (400), said in Chinese', async () => {
    const res = await postGraphQL(
      f.gateway.graphqlUrl,
      { query: 'query A { __typename }', operationName: 'B' },
      { authorization: `Bearer ${await f.tokenFor('court-staff-110105')}` },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toBe('找不到名为“B”的操作');
  });

  it('keeps the reason of a refused token', async () => {
    const res = await f.query('{ __typename }', { token: 'not-a-token' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MALFORMED' });
  });

  it('refuses a NUL character in text as bad input, in variables and in the query', async () => {
    const token = await f.tokenFor('justice-admin-440000');
    const M = `mutation($t: String!) { conveneJointMeeting(title: $t, heldOn: "2025-04-10", reportFrom: "2025-01-01", reportTo: "2025-03-31",
      participants: [{ agency: "广东省高级人民法院", people: ["张三"] }, { agency: "广东省司法厅", people: ["李四"] }], agenda: ["通报情况"]) { id } }`;
    const inVariables = await f.query(M, { token, variables: { t: '第一季度\u0000联席会议' } });
    expect(inVariables.status).toBe(400);
    expect(inVariables.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NUL_CHARACTER',
    });
    const inQuery = await f.query(M.replace('$t', '"第一季度\\u0000联席会议"').replace('($t: String!)', ''), {
      token,
    });
    expect(inQuery.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const list = await f.query(
      '{ jointMeetings(regionCode: "440000", first: 10) { edges { node { id } } } }',
      {
        token,
      },
    );
    expect(list.body.data.jointMeetings.edges).toEqual([]);
  });

  it('in production, no schema suggestions and no SDL from a subgraph', async () => {
    const sign = createTokenSigner(f.signingKey);
    const token = await sign(findDemoUser('court-staff-110105')!, 'court');
    const sdl = await postGraphQL(
      productionCourt.graphqlUrl,
      { query: '{ _service { sdl } }' },
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(sdl.body.data).toBeUndefined();
    expect(sdl.body.errors?.[0]).toMatchObject({
      message: '本环境不开放接口结构查询',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const typo = await postGraphQL(
      productionCourt.graphqlUrl,
      { query: '{ courts(first: 1) { edges { node { nam } } } }' },
      {
        authorization: `Bearer ${token}`,
      },
    );
    expect(typo.body.errors?.[0]?.message).toMatch(/没有可查询的字段/);
    expect(typo.body.errors?.[0]?.message).not.toContain('是否想用');
  });
});

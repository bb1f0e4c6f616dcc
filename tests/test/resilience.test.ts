import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@duty/gateway';
import { createLogger } from '@duty/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

const QUERY = /* GraphQL */ `
  {
    court(id: "court-110105") { name workstations { name } }
    lawyers(first: 2) { edges { node { name } } }
  }
`;

let f: Federation;
let blackHole: Server;

beforeAll(async () => {
  f = await startTestFederation();
  // A "subgraph" that accepts connections and never answers: the gateway must time out, not hang.
  blackHole = createServer(() => {});
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  blackHole?.closeAllConnections();
  blackHole?.close();
  await f?.stop();
});

describe('when a subgraph is slow or down', () => {
  it('returns the other subgraphs’ data and an error naming the missing agency (slow subgraph)', async () => {
    const { port } = blackHole.address() as AddressInfo;
    const urls = Object.fromEntries(Object.entries(f.subgraphs).map(([n, s]) => [n, s.graphqlUrl]));
    const gateway = await startGateway({
      port: 0,
      production: false,
      subgraphUrls: { ...urls, court: `http://127.0.0.1:${port}/graphql` },
      signingKey: f.signingKey,
      issuers: [],
      devIssuer: f.issuerKey,
      subgraphTimeoutMs: 300,
      log: createLogger('gateway', { level: 'silent' }),
    });
    try {
      const token = await f.tokenFor('dispatcher-110105');
      const res = await f.query(QUERY, { url: gateway.graphqlUrl, token });
      expect(res.status).toBe(200);
      expect(res.body.data.court).toBeNull();
      expect(res.body.data.lawyers.edges).toHaveLength(2);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        subgraph: 'court',
        reason: 'TIMEOUT',
      });
      expect(res.body.errors?.[0]?.message).toContain('人民法院系统暂时无法访问');
    } finally {
      await gateway.stop();
    }
  });

  it('returns partial data with an error when a subgraph is stopped', async () => {
    const token = await f.tokenFor('dispatcher-110105');
    const before = await f.query(QUERY, { token });
    expect(before.body.errors).toBeUndefined();
    await f.subgraphs.court!.stop();
    const res = await f.query(QUERY, { token });
    expect(res.status).toBe(200);
    // The justice subgraph still answers its part.
    expect(res.body.data.lawyers.edges).toHaveLength(2);
    expect(res.body.data.court).toBeNull();
    const error = res.body.errors?.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
    expect(error?.message).toContain('人民法院');
    expect(error?.extensions?.subgraph).toBe('court');
    expect(error?.extensions?.reason).toBe('ECONNREFUSED');
  });
});

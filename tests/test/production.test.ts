import { devIssuerConfig, startGateway } from '@duty/gateway';
import { createLogger } from '@duty/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

let f: Federation;
let prod: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  f = await startTestFederation();
  prod = await startGateway({
    port: 0,
    production: true,
    subgraphUrls: Object.fromEntries(Object.entries(f.subgraphs).map(([n, s]) => [n, s.graphqlUrl])),
    signingKey: f.signingKey,
    // In production the same keys arrive as a configured issuer, never as the dev issuer.
    issuers: [{ ...devIssuerConfig(f.issuerKey) }],
    log: createLogger('gateway', { level: 'silent' }),
  });
});
afterAll(async () => {
  await prod?.stop();
  await f?.stop();
});

describe('the gateway in production mode', () => {
  it('keeps introspection off', async () => {
    const res = await f.query('{ __schema { types { name } } }', {
      url: prod.graphqlUrl,
      token: await f.tokenFor('dispatcher-110105'),
    });
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0]?.message).toBe('本环境不开放接口结构查询（内省）');
  });

  it('still serves tokens of configured issuers', async () => {
    const res = await f.query('{ court(id: "court-110105") { name } }', {
      url: prod.graphqlUrl,
      token: await f.tokenFor('court-staff-110105'),
    });
    expect(res.body).toEqual({ data: { court: { name: '北京市朝阳区人民法院' } } });
  });

  it('serves no explorer and no development token endpoint', async () => {
    const { request } = await import('undici');
    expect((await request(`${prod.url}/explorer`)).statusCode).toBe(404);
    expect((await request(`${prod.url}/dev/token`, { method: 'POST', body: '{}' })).statusCode).toBe(404);
  });

  it('masks internal errors in development too: the reason is in the logs, not the response', async () => {
    const token = await f.tokenFor('dispatcher-110105');
    // The procuratorate's database goes away under a running subgraph: an internal error there.
    await f.subgraphs.procuratorate!.database.close();
    const query =
      '{ procuratorates { edges { node { name } } } lawyers(first: 1) { edges { node { id } } } }';
    const dev = await f.query(query, { token });
    expect(dev.body.errors?.[0]).toEqual({
      message: '服务器内部错误，请稍后重试',
      path: ['procuratorates'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(f.subgraphs.procuratorate!.logs)).toContain('driver has already been destroyed');
    const res = await f.query(query, { url: prod.graphqlUrl, token });
    expect(res.body.data?.lawyers.edges).toHaveLength(1);
    expect(res.body.errors).toEqual([
      {
        message: '服务器内部错误，请稍后重试',
        path: ['procuratorates'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
  });

  it('refuses to start with the development issuer', async () => {
    await expect(
      startGateway({
        port: 0,
        production: true,
        subgraphUrls: {},
        signingKey: f.signingKey,
        issuers: [],
        devIssuer: f.issuerKey,
      }),
    ).rejects.toThrow(/development issuer/);
  });
});

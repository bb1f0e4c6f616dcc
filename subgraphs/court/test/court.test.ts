import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, signServiceToken } from '@duty/kit';
import { demoDirectory, findDemoUser } from '@duty/kit/demo';
import { startTestSubgraph, testDatabase, testPgUrl } from '@duty/kit/testing';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { courtSubgraph } from '../src/index.js';

async function countCourts(url: string, token: string) {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ courts(first: 100) { edges { node { id } } } }' }),
  });
  const body = (await res.body.json()) as { data: { courts: { edges: unknown[] } } };
  return body.data.courts.edges.length;
}

describe('court subgraph', () => {
  it('migrates and loads demo data once: a restart on the same database keeps it as it was', async () => {
    const { key } = await generateSigningKey('gw');
    const admin = findDemoUser('justice-admin-110000')!;
    const dir = mkdtempSync(join(tmpdir(), 'duty-court-'));
    const db = testPgUrl()
      ? testDatabase('court')
      : { config: { name: 'duty_court', dataDir: join(dir, 'db') }, drop: async () => {} };
    try {
      const first = await startTestSubgraph(courtSubgraph, {
        gatewayPublicJwk: key.publicJwk,
        database: db.config,
      });
      const token = await signServiceToken(key, admin, 'court');
      const expected = demoDirectory().courts.filter((c) => c.regionCode.startsWith('11')).length;
      expect(await countCourts(first.graphqlUrl, token)).toBe(expected);
      await first.stop();
      const second = await startTestSubgraph(courtSubgraph, {
        gatewayPublicJwk: key.publicJwk,
        database: db.config,
      });
      expect(await countCourts(second.graphqlUrl, token)).toBe(expected);
      await second.stop();
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('enforces its own rules in the database: a bad region code cannot be stored', async () => {
    const { key } = await generateSigningKey('gw');
    const sub = await startTestSubgraph(courtSubgraph, { gatewayPublicJwk: key.publicJwk, demo: false });
    try {
      await expect(
        (sub.database.db as any)
          .insertInto('court')
          .values({
            id: 'x',
            name: '测试法院',
            level: 'BASIC',
            region_code: '11A105',
            address: '-',
            phone: '-',
          })
          .execute(),
      ).rejects.toThrow(/check constraint/);
    } finally {
      await sub.dispose();
    }
  });
});

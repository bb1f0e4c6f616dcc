import { randomBytes } from 'node:crypto';
import { databaseName, databaseUrl, dropPostgresDatabase, SUBGRAPHS, type SubgraphName } from '@duty/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../generate/generate.js';
import { startTestFederation } from '../src/harness.js';

// The generator loads PostgreSQL only (bulk COPY); the PGlite run of the suite skips it.
const pgUrl = process.env.DUTY_PG_URL;
const prefixes = [`duty_tg${randomBytes(3).toString('hex')}`, `duty_tg${randomBytes(3).toString('hex')}`];
const until = '2026-06-30';

async function query<T>(prefix: string, subgraph: SubgraphName, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(pgUrl!, databaseName(subgraph, prefix)) });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!pgUrl)('pnpm generate (small size, PostgreSQL)', () => {
  let first: Awaited<ReturnType<typeof generate>>;
  beforeAll(async () => {
    first = await generate({ pgUrl: pgUrl!, size: 'small', prefix: prefixes[0]!, until });
    await generate({ pgUrl: pgUrl!, size: 'small', prefix: prefixes[1]!, until });
  });
  afterAll(async () => {
    for (const prefix of prefixes)
      for (const s of SUBGRAPHS) await dropPostgresDatabase(pgUrl!, databaseName(s.name, prefix));
  });

  it('loads every table it writes, and the same data on every run', async () => {
    for (const [subgraph, tables] of Object.entries(first.counts))
      for (const [table, n] of Object.entries(tables)) expect(n, `${subgraph}.${table}`).toBeGreaterThan(0);
    const digest = (prefix: string, subgraph: SubgraphName, table: string) =>
      query<{ d: string }>(
        prefix,
        subgraph,
        `select md5(string_agg(t::text, '|' order by t::text)) d from ${table} t`,
      );
    for (const [subgraph, table] of [
      ['justice', 'help_request_notice'],
      ['justice', 'duty_shift'],
      ['court', 'help_request'],
      ['public-security', 'accused_person'],
    ] as const)
      expect(await digest(prefixes[0]!, subgraph, table)).toEqual(
        await digest(prefixes[1]!, subgraph, table),
      );
  });

  it('keeps the agencies consistent: one notice at justice for each organ request, nothing in the future', async () => {
    const notices = await query<{ id: string; subgraph: string; request_id: string }>(
      prefixes[0]!,
      'justice',
      'select id, subgraph, request_id from help_request_notice',
    );
    const requests: string[] = [];
    for (const s of ['court', 'procuratorate', 'public-security'] as const)
      for (const r of await query<{ id: string }>(prefixes[0]!, s, 'select id from help_request'))
        requests.push(`${s}:${r.id}`);
    expect(notices.map((n) => `${n.subgraph}:${n.request_id}`).sort()).toEqual(requests.sort());
    const [late] = await query<{ n: number }>(
      prefixes[0]!,
      'justice',
      `select count(*)::int n from notice_event where at > timestamptz '${until} 24:00:00+08'`,
    );
    expect(late!.n).toBe(0);
    // The constraints were rebuilt over the loaded rows, so they held.
    const constraints = await query<{ conname: string }>(
      prefixes[0]!,
      'justice',
      "select conname from pg_constraint where conname in ('duty_shift_no_double_booking', 'help_request_notice_once')",
    );
    expect(constraints).toHaveLength(2);
  });

  it('serves through the federation: the inbox page shows each organ request with its case and accused', async () => {
    const f = await startTestFederation({
      databases: (name) => ({ name: databaseName(name, prefixes[0]!), pgUrl: pgUrl!, poolSize: 4 }),
    });
    try {
      const res = await f.query(
        `{ noticeInbox(first: 20, order: NEWEST) { edges { node { id status request {
          ... on CourtHelpRequest { case { caseNumber } person { name } }
          ... on ProcuratorateHelpRequest { case { caseNumber } person { name } }
          ... on PoliceHelpRequest { case { caseNumber } person { name } } } } } } }`,
        { token: await f.tokenFor('justice-admin-440000') },
      );
      expect(res.body.errors).toBeUndefined();
      const edges = res.body.data.noticeInbox.edges;
      expect(edges).toHaveLength(20);
      for (const e of edges) expect(e.node.request.person.name).toMatch(/^\p{Script=Han}{2,3}$/u);
    } finally {
      await f.stop();
    }
  });
});

import { signServiceToken } from '@duty/kit';
import { request } from 'undici';
import { startTestFederation } from '../src/harness.js';
import { median, percentile } from './stats.js';

async function time(n: number, send: (i: number) => Promise<void>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await send(i);
    ms.push(performance.now() - t0);
  }
  return { p50: median(ms), p99: percentile(ms, 99) };
}

/** The public notice board: cached and uncached reads, through the gateway and straight to justice. */
export async function benchBoard(n: number) {
  const f = await startTestFederation();
  try {
    const justice = f.subgraphs.justice!;
    const token = await signServiceToken(f.signingKey, null, 'justice');
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(text);
    };
    const query =
      'query($d: LocalDate) { workstationBoard(workstationId: "ws-court-110105", date: $d) { sign legalAidScope dutyLawyers { name licenseNo mode hours } } }';

    // Warm up both paths.
    for (let i = 0; i < 50; i += 1) {
      await post(f.gateway.graphqlUrl, { query });
      await post(justice.graphqlUrl, { query }, { authorization: `Bearer ${token}` });
    }
    const rounds: Record<
      'gatewayCached' | 'directCached' | 'gatewayUncached' | 'directUncached',
      { p50: number; p99: number }[]
    > = {
      gatewayCached: [],
      directCached: [],
      gatewayUncached: [],
      directUncached: [],
    };
    let statementsUncached = 0;
    for (let r = 0; r < 3; r += 1) {
      rounds.gatewayCached.push(await time(n, () => post(f.gateway.graphqlUrl, { query })));
      rounds.directCached.push(
        await time(n, () => post(justice.graphqlUrl, { query }, { authorization: `Bearer ${token}` })),
      );
      // With the cache off every read takes the single-statement path.
      process.env.DUTY_BOARD_CACHE_TTL_MS = '0';
      const before = justice.database.statements;
      rounds.gatewayUncached.push(await time(n, () => post(f.gateway.graphqlUrl, { query })));
      statementsUncached = (justice.database.statements - before) / n;
      rounds.directUncached.push(
        await time(n, () => post(justice.graphqlUrl, { query }, { authorization: `Bearer ${token}` })),
      );
      delete process.env.DUTY_BOARD_CACHE_TTL_MS;
    }
    const over = (k: keyof typeof rounds) => ({
      p50: median(rounds[k].map((x) => x.p50)),
      p99: median(rounds[k].map((x) => x.p99)),
    });
    return {
      backend: justice.database.kind,
      requests: n,
      rounds: 3,
      statementsPerUncachedRead: statementsUncached,
      gatewayCached: over('gatewayCached'),
      directCached: over('directCached'),
      gatewayUncached: over('gatewayUncached'),
      directUncached: over('directUncached'),
    };
  } finally {
    await f.stop();
  }
}

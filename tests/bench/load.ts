import { signServiceToken } from '@duty/kit';
import autocannon from 'autocannon';
import { startTestFederation } from '../src/harness.js';
import { startHiveGateway } from './hive.js';

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One autocannon run: a fixed number of connections for a few seconds, everything that came back. */
async function run(
  url: string,
  body: string,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
) {
  const r = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  } satisfies LoadResult;
}

const best = (runs: LoadResult[]) => [...runs].sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]!;

/**
 * The public notice board under load (autocannon, 10 connections): through our gateway, through
 * Hive Gateway on the same supergraph (its defaults), and straight to justice, after a warm-up, in
 * alternating rounds; the better round of each counts.
 */
export async function loadBoard(rounds = 3, seconds = 5, connections = 10) {
  const f = await startTestFederation();
  const hive = await startHiveGateway(f);
  try {
    const body = JSON.stringify({
      query:
        '{ workstationBoard(workstationId: "ws-court-110105") { sign dutyLawyers { name licenseNo mode hours } } }',
    });
    const gateway: LoadResult[] = [];
    const hiveRuns: LoadResult[] = [];
    const direct: LoadResult[] = [];
    // Service tokens live a minute: a fresh one for every direct round.
    const directHeaders = async () => ({
      authorization: `Bearer ${await signServiceToken(f.signingKey, null, 'justice')}`,
    });
    await run(f.gateway.graphqlUrl, body, {}, connections, 2);
    await run(hive.graphqlUrl, body, {}, connections, 2);
    await run(f.subgraphs.justice!.graphqlUrl, body, await directHeaders(), connections, 2);
    for (let i = 0; i < rounds; i += 1) {
      gateway.push(await run(f.gateway.graphqlUrl, body, {}, connections, seconds));
      hiveRuns.push(await run(hive.graphqlUrl, body, {}, connections, seconds));
      direct.push(
        await run(f.subgraphs.justice!.graphqlUrl, body, await directHeaders(), connections, seconds),
      );
    }
    return {
      connections,
      seconds,
      rounds,
      gateway: best(gateway),
      hive: best(hiveRuns),
      direct: best(direct),
    };
  } finally {
    await hive.stop();
    await f.stop();
  }
}

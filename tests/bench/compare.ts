import { isDeepStrictEqual } from 'node:util';
import { createUserTokenVerifier, devIssuerConfig } from '@duty/gateway';
import type { Federation } from '../src/harness.js';
import { type LoadDriver, type Measured, startLoadDriver } from './driver.js';
import { type HiveGateway, startHiveGateway } from './hive.js';
import type { HttpCall, LoadSpec } from './load-worker.js';
import { captureReplay, directCalls, planShape } from './replay.js';
import { median } from './stats.js';
import type { Workload } from './workloads.js';

export type PathName = 'gateway' | 'hive' | 'direct';

export interface WorkloadResult {
  key: string;
  title: string;
  driver: Workload['driver'];
  hiveSetup: string;
  /** Each round's length for every path. */
  seconds: number;
  /** The subgraph requests behind one operation, e.g. "1 → 3". */
  plan: string;
  planSubgraphs: string[][];
  /** Why Hive was not measured (its answer differed from ours), if it was not. */
  hiveMismatch?: string;
  /** Each path's figures, each the median of its rounds; and every round. */
  median: Partial<Record<PathName, Measured>>;
  rounds: Partial<Record<PathName, Measured[]>>;
}

export interface CompareOptions {
  rounds?: number;
  /** A round's length, longer for slow operations (up to `maxSeconds`) to count `minOperations`. */
  seconds?: number;
  maxSeconds?: number;
  minOperations?: number;
  warmupSeconds?: number;
  connections?: number;
}

const HIVE_SETUPS = {
  public: 'Hive Gateway, defaults (JS planner, identical in-flight requests merged)',
  'per-user': 'Hive Gateway, Rust planner (router-runtime), in-flight merging off',
};

/** Each figure the median of the rounds' (a noisy shared machine disturbs some rounds). */
function medianRound(ms: Measured[]): Measured {
  const numeric = (k: keyof Measured) => median(ms.map((m) => m[k] as number));
  const sqlPerRequest = Object.fromEntries(
    Object.keys(ms[0]!.sqlPerRequest).map((s) => [s, median(ms.map((m) => m.sqlPerRequest[s]!))]),
  );
  return {
    requests: numeric('requests'),
    errors: ms.reduce((n, m) => n + m.errors, 0),
    seconds: numeric('seconds'),
    requestsPerSecond: numeric('requestsPerSecond'),
    p50: numeric('p50'),
    p99: numeric('p99'),
    cpuMsPerRequest: numeric('cpuMsPerRequest'),
    cores: numeric('cores'),
    sqlPerRequest,
    sqlTotal: numeric('sqlTotal'),
    firstError: ms.find((m) => m.firstError)?.firstError,
  };
}

/** Every subgraph's statement counter. */
const statements = (f: Federation) => () =>
  Object.fromEntries(Object.entries(f.subgraphs).map(([name, s]) => [name, s.database.statements]));

/**
 * Puts one workload under the same load through our gateway, through Hive Gateway on the same
 * supergraph, and straight to the subgraphs (the very requests our gateway makes, replayed), in
 * alternating rounds after a warm-up. Hive is measured only when its answer equals ours.
 */
export async function compareWorkload(
  f: Federation,
  hive: HiveGateway,
  driver: LoadDriver,
  w: Workload,
  options: CompareOptions = {},
): Promise<WorkloadResult> {
  const { rounds = 3, warmupSeconds = 2, connections = 10, minOperations = 50 } = options;
  const { seconds: minSeconds = 5, maxSeconds = 15 } = options;
  const token = w.user ? await f.tokenFor(w.user) : undefined;
  // The principal our gateway forwards for this token, to sign the direct calls the same way.
  const principal = token ? await createUserTokenVerifier([devIssuerConfig(f.issuerKey)])(token) : null;

  const ours = await f.query(w.query, { variables: w.variables, token });
  if (ours.body.errors) throw new Error(`${w.key} through our gateway: ${JSON.stringify(ours.body.errors)}`);
  w.check(ours.body.data);
  const theirs = await f.query(w.query, { variables: w.variables, token, url: hive.graphqlUrl });
  const hiveMismatch = theirs.body.errors
    ? `errors: ${JSON.stringify(theirs.body.errors).slice(0, 500)}`
    : !isDeepStrictEqual(theirs.body.data, ours.body.data)
      ? 'data differs from our gateway’s'
      : undefined;

  const plan = await captureReplay(f, { query: w.query, variables: w.variables, token });
  const body = JSON.stringify({ query: w.query, variables: w.variables });
  const headers = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const spec = (steps: HttpCall[][], secs: number): LoadSpec => ({
    mode: w.driver,
    steps,
    connections,
    seconds: secs,
  });
  const paths: { name: PathName; steps: () => Promise<HttpCall[][]> }[] = [
    { name: 'gateway', steps: async () => [[{ url: f.gateway.graphqlUrl, headers, body }]] },
    ...(hiveMismatch
      ? []
      : [{ name: 'hive' as const, steps: async () => [[{ url: hive.graphqlUrl, headers, body }]] }]),
    // Service tokens live a minute: fresh ones for every run.
    { name: 'direct', steps: () => directCalls(f, plan, principal) },
  ];
  const sql = statements(f);
  let slowest = Number.POSITIVE_INFINITY;
  for (const p of paths) {
    const warm = await driver.measure(spec(await p.steps(), warmupSeconds), sql);
    slowest = Math.min(slowest, warm.requestsPerSecond);
  }
  const seconds = Math.min(maxSeconds, Math.max(minSeconds, Math.ceil(minOperations / slowest)));
  const all: Partial<Record<PathName, Measured[]>> = {};
  for (let r = 0; r < rounds; r += 1) {
    // Each round starts with another path, so none always runs first (or last).
    for (let i = 0; i < paths.length; i += 1) {
      const p = paths[(i + r) % paths.length]!;
      const m = await driver.measure(spec(await p.steps(), seconds), sql);
      all[p.name] = [...(all[p.name] ?? []), m];
    }
  }
  const medians = Object.fromEntries(Object.entries(all).map(([k, ms]) => [k, medianRound(ms)]));
  return {
    key: w.key,
    title: w.title,
    driver: w.driver,
    seconds,
    hiveSetup: HIVE_SETUPS[w.audience],
    plan: planShape(plan),
    planSubgraphs: plan.steps.map((s) => s.map((c) => c.subgraph)),
    hiveMismatch,
    median: medians,
    rounds: all,
  };
}

/**
 * Runs workloads on a running federation, each side by side through our gateway, Hive Gateway and
 * straight to the subgraphs. Starts (and stops) the two Hive setups and the load driver itself.
 * Start the federation with a subgraph timeout longer than a slow operation takes under load
 * (`startTestFederation({ subgraphTimeoutMs: 60_000 })`), or our gateway measures cut-short work.
 */
export async function compareWorkloads(f: Federation, workloads: Workload[], options: CompareOptions = {}) {
  const driver = startLoadDriver();
  const hives = {
    public: await startHiveGateway(f),
    'per-user': await startHiveGateway(f, { rustPlanner: true, mergeInflight: false }),
  };
  try {
    const results: WorkloadResult[] = [];
    for (const w of workloads) {
      process.stderr.write(`bench: ${w.title}\n`);
      results.push(await compareWorkload(f, hives[w.audience], driver, w, options));
    }
    return results;
  } finally {
    await driver.stop();
    await Promise.all(Object.values(hives).map((h) => h.stop()));
  }
}

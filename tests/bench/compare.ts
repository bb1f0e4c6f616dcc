import { isDeepStrictEqual } from 'node:util';
import { createUserTokenVerifier, devIssuerConfig } from '@duty/gateway';
import type { Federation } from '../src/harness.js';
import { type LoadDriver, type Measured, startLoadDriver } from './driver.js';
import { type GatewayProcess, startGatewayProcess } from './gateways.js';
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
  /** Our gateway's subgraph timeout: longer than a slow operation takes under load. */
  subgraphTimeoutMs?: number;
}

/** Where each part runs during the load rounds, in one sentence. */
export const TOPOLOGY =
  'During the load rounds each gateway under test (ours in production mode, and Hive Gateway in each setup) runs in a child process of its own, the four subgraphs in the bench process and the load generator in another child process, so a gateway no longer shares an event loop (and a core) with the subgraphs.';

/** The gateways under test, each in its own process. */
export interface Gateways {
  ours: GatewayProcess;
  hive: Record<Workload['audience'], GatewayProcess>;
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
    subgraphCpuMsPerRequest: numeric('subgraphCpuMsPerRequest'),
    gatewayCpuMsPerRequest: numeric('gatewayCpuMsPerRequest'),
    cpuMsPerRequest: numeric('cpuMsPerRequest'),
    subgraphCores: numeric('subgraphCores'),
    gatewayCores: numeric('gatewayCores'),
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
 * supergraph (each in its own process), and straight to the subgraphs (the very requests our
 * gateway makes, replayed), in alternating rounds after a warm-up. Hive is measured only when its
 * answer equals ours.
 */
export async function compareWorkload(
  f: Federation,
  gateways: Gateways,
  driver: LoadDriver,
  w: Workload,
  options: CompareOptions = {},
): Promise<WorkloadResult> {
  const { rounds = 3, warmupSeconds = 2, connections = 10, minOperations = 50 } = options;
  const { seconds: minSeconds = 5, maxSeconds = 15 } = options;
  const token = w.user ? await f.tokenFor(w.user) : undefined;
  // The principal our gateway forwards for this token, to sign the direct calls the same way.
  const principal = token ? await createUserTokenVerifier([devIssuerConfig(f.issuerKey)])(token) : null;

  const ourGateway = gateways.ours;
  const hive = gateways.hive[w.audience];
  const ours = await f.query(w.query, { variables: w.variables, token, url: ourGateway.graphqlUrl });
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
  const paths: { name: PathName; steps: () => Promise<HttpCall[][]>; gateway?: GatewayProcess }[] = [
    {
      name: 'gateway',
      steps: async () => [[{ url: ourGateway.graphqlUrl, headers, body }]],
      gateway: ourGateway,
    },
    ...(hiveMismatch
      ? []
      : [
          {
            name: 'hive' as const,
            steps: async () => [[{ url: hive.graphqlUrl, headers, body }]],
            gateway: hive,
          },
        ]),
    // Service tokens live a minute: fresh ones for every run.
    { name: 'direct', steps: () => directCalls(f, plan, principal) },
  ];
  const sql = statements(f);
  let slowest = Number.POSITIVE_INFINITY;
  for (const p of paths) {
    const warm = await driver.measure(spec(await p.steps(), warmupSeconds), sql, p.gateway);
    slowest = Math.min(slowest, warm.requestsPerSecond);
  }
  const seconds = Math.min(maxSeconds, Math.max(minSeconds, Math.ceil(minOperations / slowest)));
  const all: Partial<Record<PathName, Measured[]>> = {};
  for (let r = 0; r < rounds; r += 1) {
    // Each round starts with another path, so none always runs first (or last).
    for (let i = 0; i < paths.length; i += 1) {
      const p = paths[(i + r) % paths.length]!;
      const m = await driver.measure(spec(await p.steps(), seconds), sql, p.gateway);
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
 * straight to the subgraphs. Starts our gateway and the two Hive setups, each in a process of its
 * own over the federation's subgraphs, and the load driver; stops them all at the end, whatever
 * happens. Our gateway's subgraph timeout (`subgraphTimeoutMs`, a minute by default) must be
 * longer than a slow operation takes under load, or it measures cut-short work.
 */
export async function compareWorkloads(f: Federation, workloads: Workload[], options: CompareOptions = {}) {
  const { subgraphTimeoutMs = 60_000 } = options;
  const children: { stop(): Promise<void> }[] = [];
  const started = <T extends { stop(): Promise<void> }>(child: T) => {
    children.push(child);
    return child;
  };
  try {
    const driver = started(startLoadDriver());
    const gateways: Gateways = {
      ours: started(await startGatewayProcess(f, { gateway: 'ours' }, { subgraphTimeoutMs })),
      hive: {
        public: started(await startGatewayProcess(f, { gateway: 'hive', hive: {} }, { subgraphTimeoutMs })),
        'per-user': started(
          await startGatewayProcess(
            f,
            { gateway: 'hive', hive: { rustPlanner: true, mergeInflight: false } },
            { subgraphTimeoutMs },
          ),
        ),
      },
    };
    if (!gateways.ours.production) throw new Error('our gateway did not start in production mode');
    const results: WorkloadResult[] = [];
    for (const w of workloads) {
      process.stderr.write(`bench: ${w.title}\n`);
      results.push(await compareWorkload(f, gateways, driver, w, options));
    }
    return results;
  } finally {
    await Promise.allSettled(children.map((c) => c.stop()));
  }
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { startGateway } from '@duty/gateway';
import { createLogger, type Principal, type SubgraphName, signServiceToken } from '@duty/kit';
import { request } from 'undici';
import type { Federation } from '../src/harness.js';
import type { HttpCall } from './load-worker.js';

/** One subgraph request the gateway made, and when (ms, performance clock). */
interface Recorded {
  subgraph: SubgraphName;
  body: string;
  status: number;
  response: string;
  start: number;
  end: number;
}

/**
 * The subgraph requests our gateway makes for one execution of an operation, in order: each step's
 * requests went out together (parallel siblings), a step began once the one before had answered
 * (a dependent fetch). Peer calls a subgraph makes itself are not here: replaying the request
 * makes the subgraph make them again.
 */
export interface ReplayPlan {
  steps: { subgraph: SubgraphName; body: string }[][];
}

/** "1 → 3": requests per step. */
export const planShape = (plan: ReplayPlan) => plan.steps.map((s) => s.length).join(' → ');

const readAll = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** A recording proxy in front of one subgraph: forwards every request and notes it. */
async function recordingProxy(subgraph: SubgraphName, target: string, log: Recorded[]) {
  const server = createServer(async (req, res) => {
    const start = performance.now();
    const body = await readAll(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const upstream = await request(target, { method: 'POST', headers, body });
    const response = await upstream.body.text();
    log.push({ subgraph, body, status: upstream.statusCode, response, start, end: performance.now() });
    res.writeHead(upstream.statusCode, { 'content-type': 'application/json' }).end(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const close = (s: Server) =>
  new Promise<void>((resolve) => {
    s.closeAllConnections();
    s.close(() => resolve());
  });

/** Groups recorded requests into steps: a request that began after one of the step's had answered starts the next. */
function toSteps(recorded: Recorded[]): ReplayPlan {
  const steps: Recorded[][] = [];
  for (const r of [...recorded].sort((a, b) => a.start - b.start)) {
    const current = steps.at(-1);
    if (current && r.start < Math.min(...current.map((c) => c.end))) current.push(r);
    else steps.push([r]);
  }
  return { steps: steps.map((s) => s.map(({ subgraph, body }) => ({ subgraph, body }))) };
}

/**
 * Captures the subgraph requests our gateway makes for an operation: a second gateway, set up as
 * the federation's own (same keys, same issuer), runs it over recording proxies, twice (the first
 * warms the query planner); the plans of both runs must agree, and no subgraph may answer with an
 * error.
 */
export async function captureReplay(
  f: Federation,
  operation: { query: string; variables?: Record<string, unknown>; token?: string },
): Promise<ReplayPlan> {
  const log: Recorded[] = [];
  const names = Object.keys(f.subgraphs) as SubgraphName[];
  const proxies = await Promise.all(names.map((n) => recordingProxy(n, f.subgraphs[n]!.graphqlUrl, log)));
  const urls = Object.fromEntries(
    names.map((n, i) => [n, `http://127.0.0.1:${(proxies[i]!.address() as { port: number }).port}/graphql`]),
  );
  const gateway = await startGateway({
    port: 0,
    production: false,
    subgraphUrls: urls,
    signingKey: f.signingKey,
    issuers: [],
    devIssuer: f.issuerKey,
    subgraphTimeoutMs: 60_000,
    log: createLogger('capture', { level: 'error' }),
  });
  try {
    const plans: ReplayPlan[] = [];
    for (let i = 0; i < 2; i += 1) {
      log.length = 0;
      const res = await f.query(operation.query, {
        variables: operation.variables,
        token: operation.token,
        url: gateway.graphqlUrl,
      });
      if (res.body.errors) throw new Error(`capture: ${JSON.stringify(res.body.errors)}`);
      const failed = log.find((r) => r.status !== 200 || r.response.includes('"errors"'));
      if (failed) throw new Error(`capture: ${failed.subgraph} answered ${failed.status} ${failed.response}`);
      plans.push(toSteps(log));
    }
    const [a, b] = plans.map((p) => JSON.stringify(p.steps.map((s) => s.map((r) => r.subgraph).sort())));
    if (a !== b) throw new Error(`capture: the gateway's fetches differ between runs: ${a} / ${b}`);
    return plans[1]!;
  } finally {
    await gateway.stop();
    await Promise.all(proxies.map(close));
  }
}

/**
 * The plan's requests addressed straight to the subgraphs, each with a fresh service token for the
 * caller (tokens live a minute: build them again for every round).
 */
export async function directCalls(
  f: Federation,
  plan: ReplayPlan,
  principal: Principal | null,
): Promise<HttpCall[][]> {
  const tokens = new Map<SubgraphName, string>();
  for (const step of plan.steps)
    for (const { subgraph } of step)
      if (!tokens.has(subgraph))
        tokens.set(subgraph, await signServiceToken(f.signingKey, principal, subgraph));
  return plan.steps.map((step) =>
    step.map(({ subgraph, body }) => ({
      url: f.subgraphs[subgraph]!.graphqlUrl,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(subgraph)}` },
      body,
    })),
  );
}

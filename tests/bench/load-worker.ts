// The load generator, in a child process of its own so that the bench process's CPU time is the
// servers' alone. Driven over IPC by driver.ts: one message per run, one answer back.
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { percentile } from './stats.js';

export interface HttpCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadSpec {
  /**
   * `autocannon` for a single request per operation; `loops` runs `connections` concurrent loops,
   * each sending an operation's steps in order (a step's calls in parallel) and timing the whole.
   */
  mode: 'autocannon' | 'loops';
  steps: HttpCall[][];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Operations completed (each counted once however many calls it took). */
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** What the first failed call answered (loops only), to tell a timeout from a bug. */
  firstError?: string;
}

async function withAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const [call, ...rest] = spec.steps.flat();
  if (!call || rest.length > 0) throw new Error('autocannon runs one request per operation');
  const r = await autocannon({
    url: call.url,
    method: 'POST',
    connections: spec.connections,
    duration: spec.seconds,
    headers: call.headers,
    body: call.body,
  });
  return {
    requests: r.requests.total,
    errors: r.errors + r.non2xx + r.timeouts,
    seconds: r.duration,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
  };
}

/** Why a call failed (not HTTP 200, or GraphQL errors), or null when it succeeded. */
async function send(agent: Agent, call: HttpCall): Promise<string | null> {
  try {
    const res = await request(call.url, {
      method: 'POST',
      headers: call.headers,
      body: call.body,
      dispatcher: agent,
    });
    const text = await res.body.text();
    return res.statusCode === 200 && !text.includes('"errors"')
      ? null
      : `${res.statusCode} ${text.slice(0, 300)}`;
  } catch (error) {
    return String(error);
  }
}

async function withLoops(spec: LoadSpec): Promise<LoadResult> {
  const width = Math.max(...spec.steps.map((s) => s.length));
  const agent = new Agent({ connections: spec.connections * width, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + spec.seconds * 1000;
  // Every operation begun before the deadline runs to its end and counts.
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      let failure: string | null = null;
      for (const step of spec.steps) {
        const results = await Promise.all(step.map((call) => send(agent, call)));
        failure ??= results.find((r) => r !== null) ?? null;
      }
      latencies.push(performance.now() - t0);
      if (failure !== null) {
        errors += 1;
        firstError ??= failure;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  const seconds = (performance.now() - start) / 1000;
  await agent.close();
  return {
    requests: latencies.length,
    errors,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    firstError,
  };
}

process.on('message', async (message: { id: number; spec: LoadSpec }) => {
  try {
    const result = await (message.spec.mode === 'autocannon' ? withAutocannon : withLoops)(message.spec);
    process.send!({ id: message.id, result });
  } catch (error) {
    process.send!({ id: message.id, error: String((error as Error).stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));

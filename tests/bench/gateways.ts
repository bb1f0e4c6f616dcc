import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { devIssuerConfig, type IssuerConfig } from '@duty/gateway';
import { exportJWK, type JWK } from 'jose';
import type { Federation } from '../src/harness.js';
import type { HiveOptions } from './hive.js';

/** What a gateway process serves: our gateway (in production mode), or Hive Gateway in a setup. */
export type GatewayKind = { gateway: 'ours' } | { gateway: 'hive'; hive: HiveOptions };

/** The start message: the federation's gateway key as JWKs (the private one only over IPC). */
export type GatewayProcessConfig = GatewayKind & {
  signingKey: { kid: string; privateJwk: JWK; publicJwk: JWK };
  issuers: IssuerConfig[];
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
};

export type ToGatewayProcess = { type: 'start'; config: GatewayProcessConfig } | { type: 'cpu'; id: number };
export type FromGatewayProcess =
  | { type: 'ready'; graphqlUrl: string; production: boolean }
  | { type: 'failed'; error: string }
  | { type: 'cpu'; id: number; cpu: NodeJS.CpuUsage };

const STARTUP_MS = 120_000;

/**
 * A gateway under test in a child process of its own (gateway-process.ts), as production runs
 * every service: it holds a core of its own beside the bench process's subgraphs, and its CPU time
 * is counted apart. It serves the federation's subgraphs with the federation's gateway key and
 * trusts the test issuer (its public key only). The child stops when this process disconnects,
 * exits or dies.
 */
export async function startGatewayProcess(
  f: Federation,
  kind: GatewayKind,
  options: { subgraphTimeoutMs: number },
) {
  const privateJwk = await exportJWK(f.signingKey.privateKey);
  const config: GatewayProcessConfig = {
    ...kind,
    signingKey: { kid: f.signingKey.kid, privateJwk, publicJwk: f.signingKey.publicJwk },
    issuers: [devIssuerConfig(f.issuerKey)],
    subgraphUrls: Object.fromEntries(Object.entries(f.subgraphs).map(([n, s]) => [n, s.graphqlUrl])),
    subgraphTimeoutMs: options.subgraphTimeoutMs,
  };
  const child: ChildProcess = fork(fileURLToPath(new URL('./gateway-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    // A production deployment's environment (graphql-js skips its development checks, for one).
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  let next = 0;
  const pending = new Map<number, { resolve: (c: NodeJS.CpuUsage) => void; reject: (e: Error) => void }>();
  let ready: (m: FromGatewayProcess) => void = () => {};
  child.on('message', (m: FromGatewayProcess) => {
    if (m.type === 'cpu') {
      pending.get(m.id)?.resolve(m.cpu);
      pending.delete(m.id);
    } else ready(m);
  });
  const failed = (reason: string) => {
    for (const p of pending.values()) p.reject(new Error(`gateway process ${reason}`));
    pending.clear();
  };
  child.once('exit', (code, signal) => failed(`exited (${signal ?? code})`));

  try {
    const started = await new Promise<Extract<FromGatewayProcess, { type: 'ready' }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('gateway process: not ready in time')), STARTUP_MS);
      ready = (m) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve(m);
        else reject(new Error(`gateway process: ${m.type === 'failed' ? m.error : m.type}`));
      };
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`gateway process exited (${signal ?? code}) before it was ready`));
      });
      child.send({ type: 'start', config } satisfies ToGatewayProcess);
    });
    return {
      graphqlUrl: started.graphqlUrl,
      /** Whether the gateway runs in production mode (ours does; Hive has none of its own). */
      production: started.production,
      pid: child.pid!,
      /** The child's CPU time since it started. */
      cpuUsage: () =>
        new Promise<NodeJS.CpuUsage>((resolve, reject) => {
          if (!child.connected) return reject(new Error('gateway process is gone'));
          const id = next++;
          pending.set(id, { resolve, reject });
          child.send({ type: 'cpu', id } satisfies ToGatewayProcess);
        }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type GatewayProcess = Awaited<ReturnType<typeof startGatewayProcess>>;

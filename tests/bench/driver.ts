import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load-worker.js';

export interface Measured extends LoadResult {
  /** The bench process's CPU time per operation, ms: the four subgraphs (and PGlite, when embedded). */
  subgraphCpuMsPerRequest: number;
  /** The gateway's own process's CPU time per operation, ms (0 on the direct path: no gateway). */
  gatewayCpuMsPerRequest: number;
  /** Both together, ms per operation. */
  cpuMsPerRequest: number;
  /** CPU time over the wall time, cores kept busy: the bench process, the gateway's, both. */
  subgraphCores: number;
  gatewayCores: number;
  cores: number;
  /** SQL statements per operation, by subgraph and in all. */
  sqlPerRequest: Record<string, number>;
  sqlTotal: number;
}

const ms = (cpu: NodeJS.CpuUsage) => (cpu.user + cpu.system) / 1000;

/**
 * The load driver: a child process (load-worker.ts) generates the load, so this process's CPU
 * time during a run is the work of the subgraphs it hosts; divided by the operations completed it
 * is their CPU time per operation. The gateway under test runs in a process of its own
 * (gateways.ts), which reports its CPU time.
 */
export function startLoadDriver() {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; result?: LoadResult; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.result!);
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`load worker exited (${code})`));
    pending.clear();
  });
  const run = (spec: LoadSpec) =>
    new Promise<LoadResult>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      child.send({ id, spec });
    });
  return {
    /**
     * Runs the load, counting this process's CPU time, the gateway process's (when the load goes
     * through one) and the statements `sql()` reports.
     */
    async measure(
      spec: LoadSpec,
      sql: () => Record<string, number>,
      gateway?: { cpuUsage(): Promise<NodeJS.CpuUsage> },
    ): Promise<Measured> {
      const sqlBefore = sql();
      const gatewayCpu0 = await gateway?.cpuUsage();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await run(spec);
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const gatewayCpu1 = await gateway?.cpuUsage();
      const sqlAfter = sql();
      const n = Math.max(1, result.requests);
      const sqlPerRequest = Object.fromEntries(
        Object.keys(sqlAfter).map((k) => [k, (sqlAfter[k]! - (sqlBefore[k] ?? 0)) / n]),
      );
      const subgraphMs = ms(cpu);
      const gatewayMs = gatewayCpu0 && gatewayCpu1 ? ms(gatewayCpu1) - ms(gatewayCpu0) : 0;
      return {
        ...result,
        subgraphCpuMsPerRequest: subgraphMs / n,
        gatewayCpuMsPerRequest: gatewayMs / n,
        cpuMsPerRequest: (subgraphMs + gatewayMs) / n,
        subgraphCores: subgraphMs / wallMs,
        gatewayCores: gatewayMs / wallMs,
        cores: (subgraphMs + gatewayMs) / wallMs,
        sqlPerRequest,
        sqlTotal: Object.values(sqlPerRequest).reduce((a, b) => a + b, 0),
      };
    },
    async stop() {
      child.disconnect();
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    },
  };
}

export type LoadDriver = ReturnType<typeof startLoadDriver>;

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec } from './load-worker.js';

export interface Measured extends LoadResult {
  /** The bench process's CPU time (servers, subgraphs, PGlite) per operation, ms. */
  cpuMsPerRequest: number;
  /** The bench process's CPU time over the wall time: cores it kept busy. */
  cores: number;
  /** SQL statements per operation, by subgraph and in all. */
  sqlPerRequest: Record<string, number>;
  sqlTotal: number;
}

/**
 * The load driver: a child process (load-worker.ts) generates the load, so this process's CPU
 * time during a run is the work of the servers it hosts; divided by the operations completed it is
 * their CPU time per operation.
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
    /** Runs the load, counting this process's CPU time and the statements `sql()` reports. */
    async measure(spec: LoadSpec, sql: () => Record<string, number>): Promise<Measured> {
      const sqlBefore = sql();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await run(spec);
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const sqlAfter = sql();
      const n = Math.max(1, result.requests);
      const sqlPerRequest = Object.fromEntries(
        Object.keys(sqlAfter).map((k) => [k, (sqlAfter[k]! - (sqlBefore[k] ?? 0)) / n]),
      );
      const cpuMs = (cpu.user + cpu.system) / 1000;
      return {
        ...result,
        cpuMsPerRequest: cpuMs / n,
        cores: cpuMs / wallMs,
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

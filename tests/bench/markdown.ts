import { availableParallelism } from 'node:os';
import { type PathName, TOPOLOGY, type WorkloadResult } from './compare.js';
import type { Measured } from './driver.js';

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
/** A gateway's own CPU per operation, and all it adds over the direct path's (with the ratio). */
const adds = (m: Measured | undefined, d: Measured) =>
  m
    ? `${f2(m.gatewayCpuMsPerRequest)} ms | ${f2(m.cpuMsPerRequest - d.cpuMsPerRequest)} ms (${f2(m.cpuMsPerRequest / d.cpuMsPerRequest)}x)`
    : 'n/a | n/a';

const sqlBySubgraph = (m: Measured) =>
  Object.entries(m.sqlPerRequest)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${f1(n)}`)
    .join(', ') || 'none';

/** The load comparison: one table per workload, then a summary of the ratios. */
export function workloadsMarkdown(
  results: WorkloadResult[],
  setting: { backend: string; rounds: number; connections: number },
) {
  const label = (r: WorkloadResult, p: PathName) =>
    p === 'gateway'
      ? 'our gateway'
      : p === 'hive'
        ? r.hiveSetup
        : `subgraphs direct (our gateway's ${r.plan} requests replayed)`;
  const sections = results.map((r) => {
    const rows = (['gateway', 'hive', 'direct'] as const)
      .filter((p) => r.median[p])
      .map((p) => {
        const m = r.median[p]!;
        const gateway = p === 'direct' ? '–' : `${f2(m.gatewayCpuMsPerRequest)} ms`;
        return `| ${label(r, p)} | ${f1(m.requestsPerSecond)} | ${f1(m.p50)} ms | ${f1(m.p99)} ms | ${m.errors} | ${f1(m.sqlTotal)} | ${f2(m.subgraphCpuMsPerRequest)} ms | ${gateway} | ${f2(m.cpuMsPerRequest)} ms | ${f2(m.cores)} |`;
      });
    const failures = (['gateway', 'hive', 'direct'] as const)
      .filter((p) => r.median[p]?.firstError)
      .map((p) => `\n\nFirst error, ${label(r, p)}: \`${r.median[p]!.firstError!.replaceAll('`', "'")}\``)
      .join('');
    const mismatch = r.hiveMismatch
      ? `\n\nHive Gateway not measured: its answer differed (${r.hiveMismatch}).`
      : '';
    const d = r.median.direct!;
    return `### ${r.title}

Subgraph requests per operation: ${r.plan} (${r.planSubgraphs.map((s) => s.join(' + ')).join(' → ')}); SQL per operation: ${sqlBySubgraph(d)}. Load: ${r.driver === 'autocannon' ? 'autocannon' : 'undici loops (one per connection), timing the whole operation'}; ${r.seconds} s rounds.

| path | requests/s | p50 | p99 | errors | SQL / op | subgraph CPU / op (bench process) | gateway CPU / op (its process) | CPU / op, both | cores busy |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}${mismatch}${failures}`;
  });
  const summary = results.map((r) => {
    const g = r.median.gateway!;
    const d = r.median.direct!;
    const h = r.median.hive;
    return `| ${r.key} | ${r.plan} | ${pct(g.requestsPerSecond, d.requestsPerSecond)} | ${h ? pct(g.requestsPerSecond, h.requestsPerSecond) : 'n/a'} | ${f2(d.cpuMsPerRequest)} ms | ${adds(g, d)} | ${adds(h, d)} | ${f1(1000 / d.cpuMsPerRequest)} |`;
  });
  const mismatches = results.filter((r) => r.hiveMismatch).map((r) => r.key);
  const answers = mismatches.length
    ? `Hive Gateway's answer differed from ours for ${mismatches.join(', ')} (not measured there).`
    : "Before measuring, every workload's answer through Hive Gateway equalled ours (same data, no errors).";
  return `## Under load, side by side (${setting.connections} connections, medians of ${setting.rounds} alternating rounds of each path after a warm-up; errors summed over the rounds; ${setting.backend})

${TOPOLOGY} "Subgraph CPU / op" is the bench process's CPU time (the four subgraphs${setting.backend === 'pglite' ? ' and PGlite' : '; not PostgreSQL, a process of its own'}) per operation, "gateway CPU / op" the gateway process's, "cores busy" both over the wall time (up to ${availableParallelism()} on this machine). On the direct path the subgraphs' CPU is their own cost: the ceiling no gateway can pass${setting.backend === 'pglite' ? '' : " (PostgreSQL's CPU comes on top)"}. ${answers}

${sections.join('\n\n')}

### Summary

| workload | subgraph requests | our gateway's req/s, of direct | of Hive's | subgraph CPU / op (direct) | our gateway's own CPU / op | all it adds | Hive's own CPU / op | all Hive adds | ceiling, req/s per core |
|---|---|---|---|---|---|---|---|---|---|
${summary.join('\n')}
`;
}

// `pnpm bench`: figures for the work that matters, measured side by side in one run (this machine
// is shared and noisy: read the ratios, not the absolute times). Writes bench-results/.
import { setMaxListeners } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@duty/kit';
import { startTestFederation } from '../src/harness.js';
import { benchBoard } from './board.js';
import { compareWorkloads, TOPOLOGY } from './compare.js';
import { benchInboxPages } from './inbox.js';
import { workloadsMarkdown } from './markdown.js';
import { generatedDatabases, generatedWorkloadData } from './national.js';
import { benchReportOnce } from './report.js';
import { benchSchedule } from './schedule.js';
import { seedWorkloadData } from './seed.js';
import { allWorkloads } from './workloads.js';

// Hive Gateway's logger refuses `silent`; ours treats `error` as quiet enough for a benchmark.
process.env.LOG_LEVEL ??= 'error';
process.env.APOLLO_TELEMETRY_DISABLED = '1';
// Hive Gateway's HTTP client hangs every in-flight subgraph fetch on one abort signal.
setMaxListeners(100);

const NOTICES = 20_000;
const LOAD = { rounds: 3, seconds: 5, maxSeconds: 15, minOperations: 50, warmupSeconds: 2, connections: 10 };

const schedule = await benchSchedule(3);
const board = await benchBoard(300);
// The demo data and 20,000 notices across Beijing's organs: the inbox, a case and the report read them.
// Under load a report queues for seconds: a short subgraph timeout would cut our gateway's work
// short (errors, partial data) while the other paths finish theirs.
// With DUTY_BENCH_DATA=<prefix>, the workloads read what `pnpm generate` loaded instead.
const generated = process.env.DUTY_BENCH_DATA;
const f = await startTestFederation({
  subgraphTimeoutMs: 60_000,
  ...(generated ? { databases: generatedDatabases(generated) } : {}),
});
let inbox: Awaited<ReturnType<typeof benchInboxPages>>;
let report: Awaited<ReturnType<typeof benchReportOnce>>;
let load: Awaited<ReturnType<typeof compareWorkloads>>;
let workloadData: Awaited<ReturnType<typeof seedWorkloadData>>;
try {
  workloadData = generated ? await generatedWorkloadData(f) : await seedWorkloadData(f, NOTICES);
  inbox = await benchInboxPages(f, workloadData.inbox.user, 100);
  report = await benchReportOnce(f, workloadData.report, 5);
  load = await compareWorkloads(f, allWorkloads(workloadData), LOAD);
} finally {
  await f.stop();
}
const backend = f.subgraphs.justice!.database.kind;

const f1 = (x: number) => x.toFixed(1);
const SUBGRAPHS = ['justice', 'court', 'procuratorate', 'public-security'];
const inboxRow = (label: string, p: typeof inbox.page10) =>
  `| ${label} | ${f1(p.p50)} ms | ${f1(p.p99)} ms | ${SUBGRAPHS.map((s) => p.sqlPerPage[s]).join(' | ')} |`;
const history = process.env.DUTY_DEMO_HISTORY !== '0';
const data = generated
  ? `Data: \`pnpm generate\`'s databases \`${generated}_*\` (a year of national duty lawyer work); the workloads read Guangdong's.`
  : `Data: the demo data ${history ? 'with' : 'without'} its generated year of history (DUTY_DEMO_HISTORY${history ? '' : '=0'}); the load workloads add ${NOTICES} seeded notices across Beijing's organs.`;
const md = `# Benchmarks (${new Date().toISOString()})

${data}

${workloadsMarkdown(load, { backend, ...LOAD })}
## Schedule generation: one month, a province of ${schedule.lawyers} lawyers and ${schedule.workstations} workstations (${schedule.backend})

| slots | staffed | plan only (dry run, median of 3) | plan + write | SQL statements for the write |
|---|---|---|---|---|
| ${schedule.slots} | ${schedule.staffed} | ${f1(schedule.planMs)} ms | ${f1(schedule.planAndWriteMs)} ms | ${schedule.writeStatements} |

## Public notice board read (${board.requests} sequential requests x ${board.rounds} rounds, medians; ${board.backend})

| path | p50 | p99 | vs direct |
|---|---|---|---|
| gateway, cached | ${f1(board.gatewayCached.p50)} ms | ${f1(board.gatewayCached.p99)} ms | ${f1(board.gatewayCached.p50 / board.directCached.p50)}x |
| justice direct, cached | ${f1(board.directCached.p50)} ms | ${f1(board.directCached.p99)} ms | 1.0x |
| gateway, uncached | ${f1(board.gatewayUncached.p50)} ms | ${f1(board.gatewayUncached.p99)} ms | ${f1(board.gatewayUncached.p50 / board.directUncached.p50)}x |
| justice direct, uncached | ${f1(board.directUncached.p50)} ms | ${f1(board.directUncached.p99)} ms | 1.0x |

SQL statements per uncached board read: ${board.statementsPerUncachedRead}; cached reads: 0.

## The dispatcher's inbox, one request at a time: ${generated ? `Guangdong's ${workloadData.inbox.user}` : `${NOTICES} notices`} from courts, procuratorates and detention centers, pages with each organ's request, case, accused and organ (${inbox.requests} requests per size; ${inbox.backend})

| page | p50 | p99 | SQL per page: justice | court | procuratorate | public-security |
|---|---|---|---|---|---|---|
${inboxRow('10 items', inbox.page10)}
${inboxRow('50 items', inbox.page50)}

## The joint-meeting report, one at a time: ${workloadData.report.regionCode} from ${workloadData.report.from} to ${workloadData.report.to} (median of ${report.requests}; ${backend})

| | through the gateway | ${SUBGRAPHS.map((s) => `${s} part, direct`).join(' | ')} |
|---|---|${SUBGRAPHS.map(() => '---').join('|')}|
| p50 | ${f1(report.p50)} ms | ${SUBGRAPHS.map((s) => `${f1(report.directP50[s]!)} ms`).join(' | ')} |
| SQL per report | | ${SUBGRAPHS.map((s) => report.sqlPerReport[s]).join(' | ')} |
`;
const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'bench.json'),
  `${JSON.stringify({ backend, demoHistory: history, load: { ...LOAD, topology: TOPOLOGY, workloads: load }, schedule, board, inbox, report, workloadData }, null, 2)}\n`,
);
writeFileSync(join(dir, 'bench.md'), md);
process.stdout.write(md);

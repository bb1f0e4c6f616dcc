// `pnpm bench`: figures for the work that matters, measured side by side in one run (this machine
// is shared and noisy: read the ratios, not the absolute times). Writes bench-results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@duty/kit';
import { benchBoard } from './board.js';
import { benchInbox } from './inbox.js';
import { loadBoard } from './load.js';
import { benchSchedule } from './schedule.js';

// Hive Gateway's logger refuses `silent`; ours treats `error` as quiet enough for a benchmark.
process.env.LOG_LEVEL ??= 'error';
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const schedule = await benchSchedule(3);
const board = await benchBoard(300);
const inbox = await benchInbox(20_000, 100);
const load = await loadBoard();
const f = (x: number) => x.toFixed(1);
const inboxRow = (label: string, p: typeof inbox.page10) =>
  `| ${label} | ${f(p.p50)} ms | ${f(p.p99)} ms | ${['justice', 'court', 'procuratorate', 'public-security'].map((s) => p.sqlPerPage[s]).join(' | ')} |`;
const md = `# Benchmarks (${new Date().toISOString()})

## Schedule generation: one month, a province of ${schedule.lawyers} lawyers and ${schedule.workstations} workstations (${schedule.backend})

| slots | staffed | plan only (dry run, median of 3) | plan + write | SQL statements for the write |
|---|---|---|---|---|
| ${schedule.slots} | ${schedule.staffed} | ${f(schedule.planMs)} ms | ${f(schedule.planAndWriteMs)} ms | ${schedule.writeStatements} |

## Public notice board read (${board.requests} sequential requests x ${board.rounds} rounds, medians; ${board.backend})

| path | p50 | p99 | vs direct |
|---|---|---|---|
| gateway, cached | ${f(board.gatewayCached.p50)} ms | ${f(board.gatewayCached.p99)} ms | ${f(board.gatewayCached.p50 / board.directCached.p50)}x |
| justice direct, cached | ${f(board.directCached.p50)} ms | ${f(board.directCached.p99)} ms | 1.0x |
| gateway, uncached | ${f(board.gatewayUncached.p50)} ms | ${f(board.gatewayUncached.p99)} ms | ${f(board.gatewayUncached.p50 / board.directUncached.p50)}x |
| justice direct, uncached | ${f(board.directUncached.p50)} ms | ${f(board.directUncached.p99)} ms | 1.0x |

SQL statements per uncached board read: ${board.statementsPerUncachedRead}; cached reads: 0.

## The notice board under load (autocannon, ${load.connections} connections, best of ${load.rounds} alternating ${load.seconds} s rounds; ${board.backend})

| path | requests/s | p50 | p99 | errors |
|---|---|---|---|---|
| our gateway | ${f(load.gateway.requestsPerSecond)} | ${load.gateway.p50} ms | ${load.gateway.p99} ms | ${load.gateway.errors} |
| Hive Gateway, defaults, same supergraph | ${f(load.hive.requestsPerSecond)} | ${load.hive.p50} ms | ${load.hive.p99} ms | ${load.hive.errors} |
| justice direct | ${f(load.direct.requestsPerSecond)} | ${load.direct.p50} ms | ${load.direct.p99} ms | ${load.direct.errors} |

Our gateway's throughput is ${f((load.gateway.requestsPerSecond / load.direct.requestsPerSecond) * 100)}% of the subgraph's own and ${f((load.gateway.requestsPerSecond / load.hive.requestsPerSecond) * 100)}% of Hive Gateway's.

## The dispatcher's inbox: ${inbox.notices} notices from courts, procuratorates and detention centers, pages with each organ's request, case, accused and organ (${inbox.requests} requests per size; ${inbox.backend})

| page | p50 | p99 | SQL per page: justice | court | procuratorate | public-security |
|---|---|---|---|---|---|---|
${inboxRow('10 items', inbox.page10)}
${inboxRow('50 items', inbox.page50)}

## The joint-meeting report: Beijing over a year, on the same data (${inbox.backend})

| | through the gateway | justice direct | court direct | procuratorate direct | public-security direct |
|---|---|---|---|---|---|
| p50 | ${f(inbox.report.p50)} ms | ${['justice', 'court', 'procuratorate', 'public-security'].map((s) => `${f(inbox.report.directP50[s]!)} ms`).join(' | ')} |
| SQL per report | | ${['justice', 'court', 'procuratorate', 'public-security'].map((s) => inbox.report.sqlPerReport[s]).join(' | ')} |
`;
const dir = join(REPO_ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'bench.json'), `${JSON.stringify({ schedule, board, load, inbox }, null, 2)}\n`);
writeFileSync(join(dir, 'bench.md'), md);
process.stdout.write(md);

import { directoryRows as courtRows, courtSubgraph } from '@duty/court';
import { directoryRows as justiceRows, justiceSubgraph } from '@duty/justice';
import {
  addDays,
  chinaInstant,
  databaseName,
  databaseUrl,
  dropPostgresDatabase,
  ensurePostgresDatabase,
  kitMigrations,
  migrateToLatest,
  openDatabase,
  type SubgraphDefinition,
  type SubgraphName,
} from '@duty/kit';
import {
  ACTIVITY_TABLES,
  DEMO_REGIONS,
  type DemoDirectory,
  generateActivity,
  generateDirectory,
  nationalRegionTree,
} from '@duty/kit/demo';
import { directoryRows as procuratorateRows, procuratorateSubgraph } from '@duty/procuratorate';
import { directoryRows as publicSecurityRows, publicSecuritySubgraph } from '@duty/public-security';
import pg from 'pg';
import { type CopyWriter, copyWriters, deferIndexes, endAll, restoreIndexes } from './copy.js';
import { generateShifts } from './shifts.js';

/** National: every mainland county (about 60,000 lawyers); small: the demo regions. */
export const SIZES = {
  national: { tree: nationalRegionTree, lawyersPerCounty: 18 },
  small: { tree: () => DEMO_REGIONS, lawyersPerCounty: 8 },
} as const;

const SUBGRAPHS: { def: SubgraphDefinition; rows: (d: DemoDirectory) => Record<string, object[]> }[] = [
  { def: justiceSubgraph, rows: justiceRows },
  { def: courtSubgraph, rows: courtRows },
  { def: procuratorateSubgraph, rows: procuratorateRows },
  { def: publicSecuritySubgraph, rows: publicSecurityRows },
];

/**
 * Loads a year of duty lawyer work up to the end of `until` (China time) into fresh databases
 * `<prefix>_<subgraph>` on the server: the directory, its rosters, shifts from a year back to a
 * month ahead, and the year's cases, rights notices, help requests, notices, dispatch and help
 * records. The same data for the same size and `until` (when `until` is past).
 */
export async function generate(options: {
  pgUrl: string;
  size: keyof typeof SIZES;
  prefix: string;
  until: string;
  log?: (line: string) => void;
}) {
  const { pgUrl, prefix, until } = options;
  const size = SIZES[options.size];
  const t0 = performance.now();
  const lap = (label: string) => options.log?.(`${((performance.now() - t0) / 1000).toFixed(1)} s  ${label}`);
  const tree = size.tree();
  const directory = generateDirectory(tree, { lawyersPerCounty: size.lawyersPerCounty });
  lap(
    `directory: ${directory.lawyers.length} lawyers, ${directory.workstations.length} workstations, ${directory.courts.length} courts`,
  );

  // Fresh databases with the current schema; marked as seeded so no demo data is added on start.
  const pools = {} as Record<SubgraphName, pg.Pool>;
  const deferred = {} as Record<SubgraphName, Awaited<ReturnType<typeof deferIndexes>>>;
  for (const { def } of SUBGRAPHS) {
    const name = databaseName(def.name, prefix);
    await dropPostgresDatabase(pgUrl, name);
    await ensurePostgresDatabase(pgUrl, name);
    const database = await openDatabase<any>({ name, pgUrl });
    await migrateToLatest(database.db, { ...kitMigrations, ...def.migrations });
    await database.db
      .insertInto('kit_state')
      .values({ key: 'demo_seeded_at', value: `generated ${options.size} until ${until}` })
      .execute();
    await database.close();
    // One connection per table loading at once (justice loads ten), and a few to spare.
    pools[def.name] = new pg.Pool({ connectionString: databaseUrl(pgUrl, name), max: 16 });
    deferred[def.name] = await deferIndexes(pools[def.name]);
  }
  lap(`databases ${prefix}_* migrated, ${Object.values(deferred).flat().length} indexes deferred`);

  const writersOf = <T extends string>(name: SubgraphName, tables: readonly T[]) =>
    copyWriters(pools[name], tables);
  const counts: Record<string, Record<string, number>> = {};
  try {
    const all: Record<string, Record<string, CopyWriter>> = {};
    for (const { def, rows } of SUBGRAPHS) {
      const tables = rows(directory);
      const w = await writersOf(def.name, Object.keys(tables));
      for (const [table, list] of Object.entries(tables))
        for (const row of list) await w[table]!.write(row as never);
      all[def.name] = w;
    }
    const activity = {
      court: await writersOf('court', ACTIVITY_TABLES.court),
      procuratorate: await writersOf('procuratorate', ACTIVITY_TABLES.procuratorate),
      'public-security': await writersOf('public-security', ACTIVITY_TABLES['public-security']),
      justice: await writersOf('justice', ACTIVITY_TABLES.justice),
    };
    const shifts = await writersOf('justice', ['duty_shift'] as const);
    await generateShifts(tree, directory, shifts.duty_shift, {
      from: addDays(until, -364),
      to: addDays(until, 30),
    });
    lap(`shifts: ${shifts.duty_shift.rows}`);
    const now = Math.min(Date.now(), chinaInstant(addDays(until, 1)).getTime());
    await generateActivity(tree, directory, activity, { now, days: 365, rate: 1 });
    for (const [name, w] of Object.entries(all)) counts[name] = await endAll(w);
    for (const [name, w] of Object.entries(activity)) Object.assign(counts[name]!, await endAll(w));
    Object.assign(counts.justice!, await endAll(shifts));
    lap('rows loaded');
    for (const [name, w] of Object.entries(counts))
      options.log?.(
        `  ${name}: ${Object.entries(w)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}`,
      );
    await restoreIndexes(
      SUBGRAPHS.map(({ def }) => ({ pool: pools[def.name], deferred: deferred[def.name] })),
    );
    lap('indexes and constraints built, statistics analyzed');
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.end()));
  }
  return { counts, seconds: (performance.now() - t0) / 1000 };
}

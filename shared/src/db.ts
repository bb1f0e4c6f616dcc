import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './pglite-lock.js';

/**
 * One database per subgraph. By default PGlite (PostgreSQL in WASM) runs in process, kept in a
 * data folder (or in memory for tests); with a PostgreSQL server URL the same code runs on `pg`.
 */
export interface DatabaseConfig {
  /** Database name on a PostgreSQL server, e.g. `duty_court`; created when missing. */
  name: string;
  /** PostgreSQL server URL (any database path is replaced by `name`). Unset: embedded PGlite. */
  pgUrl?: string;
  /** PGlite data folder; unset: in memory. */
  dataDir?: string;
  /** Pool size on PostgreSQL. */
  poolSize?: number;
  /** Errors of idle pooled connections (e.g. the server restarted); they must not crash the process. */
  onIdleError?: (error: Error) => void;
}

export interface Database<DB> {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  name: string;
  /** SQL statements run since open (outbox relay excluded); tests and benchmarks read it to prove batching. */
  readonly statements: number;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const DATE_OID = 1082;

const isSafeName = (name: string) => /^[a-z_][a-z0-9_]{0,62}$/.test(name);

/** Creates the database on the server when it does not exist yet. */
export async function ensurePostgresDatabase(serverUrl: string, name: string): Promise<void> {
  if (!isSafeName(name)) throw new Error(`unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database "${name}"`);
      } catch (error) {
        // Another process may have created it between the check and the create.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  if (!isSafeName(name)) throw new Error(`unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export async function openDatabase<DB>(config: DatabaseConfig): Promise<Database<DB>> {
  let statements = 0;
  // Counts the statements requests make; the outbox relay's background polling is not one of them.
  const log = (event: LogEvent) => {
    if (!event.query.sql.includes('kit_outbox')) statements += 1;
  };
  let db: Kysely<DB>;
  let kind: Database<DB>['kind'];
  let release = () => {};
  if (config.pgUrl) {
    await ensurePostgresDatabase(config.pgUrl, config.name);
    const pool = new pg.Pool({
      connectionString: databaseUrl(config.pgUrl, config.name),
      max: config.poolSize ?? 10,
      // Costs for solid-state storage: the default (4) assumes spinning disks and sends the
      // report's region-filtered joins to full table scans (justice's part of a province-year
      // report on the national dataset: 2.4 s at 4, 1.0 s at 1.1). PGOPTIONS overrides it.
      options: process.env.PGOPTIONS ?? '-c random_page_cost=1.1',
    });
    pool.on('error', (error) => config.onIdleError?.(error));
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    // Calendar dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
    pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
    kind = 'postgres';
  } else {
    if (config.dataDir) {
      mkdirSync(dirname(config.dataDir), { recursive: true });
      release = lockDataDir(config.dataDir);
    }
    // btree_gist backs exclusion constraints (no lawyer in two shifts at once).
    const options = { parsers: { [DATE_OID]: (v: string) => v }, extensions: { btree_gist } };
    const pglite = config.dataDir ? new PGlite(config.dataDir, options) : new PGlite(options);
    try {
      await pglite.waitReady;
    } catch (error) {
      release();
      throw error;
    }
    db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log });
    kind = 'pglite';
  }
  return {
    db,
    kind,
    name: config.name,
    get statements() {
      return statements;
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      try {
        await db.destroy();
      } finally {
        release();
      }
    },
  };
}

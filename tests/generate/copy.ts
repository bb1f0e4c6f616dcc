import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value in COPY's text format: `\N` for null, backslash escapes, PostgreSQL array literals. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  // An array of objects is a JSON document (jsonb); an array of strings a PostgreSQL array.
  else if (Array.isArray(value) && !value.some((v) => typeof v === 'object'))
    text = `{${value.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else text = String(value);
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const CHUNK = 1 << 18;

/**
 * Streams rows into one table with `COPY … FROM STDIN` on a connection of its own. The columns
 * are the first row's keys; a key missing from a later row is written as null. Rows are buffered
 * into chunks and written with backpressure, so memory stays flat however many rows come.
 */
export class CopyWriter {
  rows = 0;
  private columns: string[] | undefined;
  private stream: Writable | undefined;
  private buffer = '';

  constructor(
    private readonly client: pg.PoolClient,
    readonly table: string,
  ) {}

  async write(row: Record<string, unknown>): Promise<void> {
    if (!this.columns) {
      this.columns = Object.keys(row);
      this.stream = this.client.query(
        copyFrom(`copy ${this.table} (${this.columns.join(', ')}) from stdin`),
      ) as unknown as Writable;
    }
    let line = '';
    for (let i = 0; i < this.columns.length; i += 1) {
      if (i > 0) line += '\t';
      line += copyValue(row[this.columns[i]!]);
    }
    this.buffer += `${line}\n`;
    this.rows += 1;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.stream || !this.buffer) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await new Promise((resolve) => this.stream!.once('drain', resolve));
  }

  /** Ends the COPY (it commits on its own) and releases the connection. */
  async end(): Promise<number> {
    try {
      if (this.stream) {
        await this.flush();
        this.stream.end();
        await finished(this.stream);
      }
    } finally {
      this.client.release();
    }
    return this.rows;
  }
}

/** Opens one writer per table, each on its own connection, so tables load side by side. */
export async function copyWriters<T extends string>(pool: pg.Pool, tables: readonly T[]) {
  const writers = {} as Record<T, CopyWriter>;
  for (const table of tables) {
    const client = await pool.connect();
    // The generator's rows are consistent by construction: no row triggers or foreign-key checks
    // while loading (they would run millions of times); the constraints stay declared.
    await client.query('set session_replication_role = replica');
    writers[table] = new CopyWriter(client, table);
  }
  return writers;
}

export async function endAll(writers: Record<string, CopyWriter>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [table, w] of Object.entries(writers)) counts[table] = await w.end();
  return counts;
}

interface Deferred {
  table: string;
  name: string;
  /** Recreates the index or constraint. */
  create: string;
  drop: string;
}

/**
 * Drops every secondary index and every unique or exclusion constraint of the database's public
 * tables (primary keys stay) and returns how to bring them back: building them once over the
 * loaded rows is many times faster than maintaining them row by row.
 */
export async function deferIndexes(pool: pg.Pool): Promise<Deferred[]> {
  const { rows: constraints } = await pool.query<{ table: string; name: string; def: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as def
     from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where n.nspname = 'public' and c.contype in ('u', 'x')`,
  );
  const { rows: indexes } = await pool.query<{ table: string; name: string; def: string }>(
    `select i.tablename as table, i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = 'public'
       and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)`,
  );
  const deferred: Deferred[] = [
    ...constraints.map((c) => ({
      table: c.table,
      name: c.name,
      create: `alter table ${c.table} add constraint ${c.name} ${c.def}`,
      drop: `alter table ${c.table} drop constraint ${c.name}`,
    })),
    ...indexes.map((i) => ({ table: i.table, name: i.name, create: i.def, drop: `drop index ${i.name}` })),
  ];
  for (const d of deferred) await pool.query(d.drop);
  return deferred;
}

/**
 * Builds the deferred indexes and constraints of several databases, two at a time (this machine
 * has two cores), then vacuums and refreshes the planner's statistics. Plain indexes go first: adding a
 * constraint locks its table, which would hold up the table's other index builds.
 */
export async function restoreIndexes(jobs: { pool: pg.Pool; deferred: Deferred[] }[]): Promise<void> {
  const queue = jobs
    .flatMap((j) => j.deferred.map((d) => ({ pool: j.pool, d })))
    .sort((a, b) => Number(a.d.drop.startsWith('alter')) - Number(b.d.drop.startsWith('alter')));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const client = await job.pool.connect();
      try {
        await client.query("set maintenance_work_mem = '512MB'");
        await client.query(job.d.create);
      } finally {
        client.release();
      }
    }
  };
  await Promise.all([worker(), worker()]);
  // VACUUM as well: hint bits and the visibility map are set once, as in a database that has been
  // running, instead of on the first reads (which otherwise write every page they touch).
  for (const j of jobs) await j.pool.query('vacuum analyze');
}

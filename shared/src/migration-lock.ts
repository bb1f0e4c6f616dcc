import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SUBGRAPHS } from './config.js';

/**
 * Migrations are frozen once landed. Each subgraph's `src/migrations/frozen.json` records the
 * SHA-256 of every migration file; a test fails when a recorded file changes, and
 * `pnpm freeze-migrations` only ever adds new files to it.
 */
/**
 * `kit` is the kit's own migrations (its tables live in every subgraph's database); `kit-templates`
 * are the kit's table templates that subgraph migrations call, frozen the same way.
 */
export const MIGRATION_OWNERS = ['kit', 'kit-templates', ...SUBGRAPHS.map((s) => s.name)] as const;
export const migrationsDir = (owner: string) =>
  owner === 'kit'
    ? join(REPO_ROOT, 'shared', 'src', 'migrations')
    : owner === 'kit-templates'
      ? join(REPO_ROOT, 'shared', 'src', 'migrations', 'templates')
      : join(REPO_ROOT, 'subgraphs', owner, 'src', 'migrations');
export const lockPath = (subgraph: string) => join(migrationsDir(subgraph), 'frozen.json');

export function migrationFiles(subgraph: string): string[] {
  return readdirSync(migrationsDir(subgraph))
    .filter((f) => /^\d{4}-\d{2}-\d{2}-\d{2}-[a-z0-9-]+\.ts$/.test(f))
    .sort();
}

export const fileHash = (subgraph: string, file: string) =>
  createHash('sha256')
    .update(readFileSync(join(migrationsDir(subgraph), file)))
    .digest('hex');

export function readLock(subgraph: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(lockPath(subgraph), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Adds the hashes of migrations not yet recorded; returns the names it added. */
export function freezeNewMigrations(): string[] {
  const added: string[] = [];
  for (const name of MIGRATION_OWNERS) {
    const lock = readLock(name);
    for (const file of migrationFiles(name)) {
      if (lock[file]) continue;
      lock[file] = fileHash(name, file);
      added.push(`${name}/${file}`);
    }
    writeFileSync(lockPath(name), `${JSON.stringify(lock, null, 2)}\n`);
  }
  return added;
}

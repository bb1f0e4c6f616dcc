import { type Kysely, type Migration, Migrator } from 'kysely';
import type { Logger } from './logger.js';

/**
 * Migrations are frozen once landed: a change is a new, later-dated migration, never an edit.
 * Names start with their date (`2026-11-26-01-reference-data`) so their order is their history.
 */
export type Migrations = Record<string, Migration>;

const NAME = /^\d{4}-\d{2}-\d{2}-\d{2}-[a-z0-9-]+$/;

export async function migrateToLatest(db: Kysely<unknown>, migrations: Migrations, log?: Logger) {
  for (const name of Object.keys(migrations)) {
    if (!NAME.test(name)) throw new Error(`migration name must be YYYY-MM-DD-NN-slug: ${name}`);
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kit_migration',
    migrationLockTableName: 'kit_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    log?.info({ migration: r.migrationName, status: r.status }, 'migration');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

import { subgraphDefinitions } from '@duty/gateway';
import { fileHash, kitMigrations, migrationFiles, readLock } from '@duty/kit';
import { describe, expect, it } from 'vitest';

const expectFrozen = (name: string) => {
  const lock = readLock(name);
  for (const file of migrationFiles(name)) {
    expect(lock[file], `${file} is not recorded in frozen.json`).toBeDefined();
    expect(fileHash(name, file), `${file} changed after it was frozen`).toBe(lock[file]);
  }
};

describe.each([
  ['kit', { migrations: kitMigrations }] as const,
  ...subgraphDefinitions.map((d) => [d.name, d] as const),
])('%s migrations', (name, def) => {
  it('are all registered, in date order', () => {
    expect(Object.keys(def.migrations)).toEqual(migrationFiles(name).map((f) => f.replace(/\.ts$/, '')));
  });

  it('are frozen: no landed migration was edited (add a new one instead; `pnpm freeze-migrations` records it)', () => {
    expectFrozen(name);
  });
});

it('kit table templates are frozen like migrations (subgraph migrations call them)', () => {
  expect(migrationFiles('kit-templates').length).toBeGreaterThan(0);
  expectFrozen('kit-templates');
});

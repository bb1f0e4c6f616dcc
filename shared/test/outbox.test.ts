import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db.js';
import { createLogger } from '../src/logger.js';
import { kitMigrations } from '../src/migrations/index.js';
import { migrateToLatest } from '../src/migrator.js';
import { enqueue, type OutboxMessage, startRelay } from '../src/outbox.js';
import { testDatabase } from '../src/testing/index.js';

const log = createLogger('outbox', { level: 'silent' });
let database: Database<any>;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = testDatabase('court');
  drop = t.drop;
  database = await openDatabase<any>(t.config);
  await migrateToLatest(database.db, kitMigrations);
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const pending = async () =>
  Number(
    (
      await sql<{ n: string }>`select count(*) n from kit_outbox where delivered_at is null`.execute(
        database.db,
      )
    ).rows[0]!.n,
  );

describe('the transactional outbox', () => {
  it('writes a message only when its transaction commits', async () => {
    await database.db.transaction().execute((trx) => enqueue(trx, 'notice', { n: 1 }, 'kept-1'));
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx, 'notice', { n: 2 }, 'lost-1');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const ids = (await sql<{ id: string }>`select id from kit_outbox`.execute(database.db)).rows.map(
      (r) => r.id,
    );
    expect(ids).toContain('kept-1');
    expect(ids).not.toContain('lost-1');
  });

  it('delivers every message once while the receiver is up, in order', async () => {
    const got: OutboxMessage[] = [];
    const relay = startRelay({ db: database.db, log, deliver: async (m) => void got.push(m) });
    for (let i = 0; i < 5; i += 1) await enqueue(database.db, 'notice', { i }, `order-${i}`);
    await relay.runOnce();
    await relay.stop();
    expect(got.map((m) => m.id)).toEqual(['kept-1', 'order-0', 'order-1', 'order-2', 'order-3', 'order-4']);
    expect(got[1]!.payload).toEqual({ i: 0 });
    expect(await pending()).toBe(0);
  });

  it('keeps messages while the receiver is down and delivers them when it returns', async () => {
    let up = false;
    const got = new Map<string, number>();
    const relay = startRelay({
      db: database.db,
      log,
      maxBackoffMs: 1,
      deliver: async (m) => {
        if (!up) throw new Error('justice unavailable');
        got.set(m.id, (got.get(m.id) ?? 0) + 1);
      },
    });
    for (let i = 0; i < 3; i += 1) await enqueue(database.db, 'notice', { i }, `down-${i}`);
    await relay.runOnce();
    expect(await pending()).toBe(3);
    const errors = await sql<{
      last_error: string;
      attempts: number;
    }>`select last_error, attempts from kit_outbox where id like 'down-%'`.execute(database.db);
    expect(errors.rows.every((r) => r.last_error === 'justice unavailable' && r.attempts === 1)).toBe(true);
    up = true;
    await new Promise((r) => setTimeout(r, 20));
    await relay.runOnce();
    await relay.stop();
    expect([...got.entries()].sort()).toEqual([
      ['down-0', 1],
      ['down-1', 1],
      ['down-2', 1],
    ]);
    expect(await pending()).toBe(0);
  });

  it('never hands one message to two relays racing on the same database', async () => {
    const got = new Map<string, number>();
    const deliver = async (m: OutboxMessage) => {
      await new Promise((r) => setTimeout(r, 2));
      got.set(m.id, (got.get(m.id) ?? 0) + 1);
    };
    for (let i = 0; i < 60; i += 1)
      await enqueue(database.db, 'notice', { i }, `race-${String(i).padStart(2, '0')}`);
    const a = startRelay({ db: database.db, log, deliver, batchSize: 5 });
    const b = startRelay({ db: database.db, log, deliver, batchSize: 5 });
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(got.size).toBe(60);
    expect([...got.values()].every((n) => n === 1)).toBe(true);
  });

  it('retries a message whose relay died mid-delivery once its lease runs out', async () => {
    await enqueue(database.db, 'notice', {}, 'crashed-1');
    // A relay claims it, then "dies": the lease keeps others off until it expires.
    const dying = startRelay({ db: database.db, log, leaseMs: 50, deliver: () => new Promise(() => {}) });
    void dying.runOnce();
    await new Promise((r) => setTimeout(r, 10));
    const got: string[] = [];
    const healthy = startRelay({ db: database.db, log, deliver: async (m) => void got.push(m.id) });
    await healthy.runOnce();
    expect(got).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    await healthy.runOnce();
    await healthy.stop();
    void dying.stop();
    expect(got).toEqual(['crashed-1']);
  });
});

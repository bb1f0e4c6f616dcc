import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Logger } from './logger.js';

export interface OutboxMessage<T = unknown> {
  id: string;
  topic: string;
  payload: T;
  attempts: number;
  createdAt: Date;
}

/**
 * Writes a message to the outbox. Call it with the transaction that makes the change the message
 * reports: both commit or neither does, so nothing is announced that did not happen and nothing
 * that happened goes unannounced. The id is the receiver's deduplication key.
 */
export async function enqueue(db: Kysely<any>, topic: string, payload: unknown, id: string = randomUUID()) {
  await sql`insert into kit_outbox (id, topic, payload) values (${id}, ${topic}, ${JSON.stringify(payload)}::jsonb)`.execute(
    db,
  );
  return id;
}

export interface RelayOptions {
  db: Kysely<any>;
  /** Delivers one message; throws to have it retried later. Must be idempotent at the receiver. */
  deliver: (message: OutboxMessage) => Promise<void>;
  log: Logger;
  batchSize?: number;
  /** How often to look for work when nobody kicks the relay. */
  intervalMs?: number;
  /**
   * How long a claimed batch stays hidden from other relays: longer than delivering a whole batch
   * takes (batch size x the delivery timeout), or another relay could deliver the tail again.
   */
  leaseMs?: number;
  maxBackoffMs?: number;
}

export interface Relay {
  /** Looks for work now (after an enqueue). */
  kick(): void;
  /** One pass: claims and delivers what is due; returns how many were delivered. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The relay: claims due messages with `FOR UPDATE SKIP LOCKED` and pushes their next attempt past
 * a lease in one short statement, so several relays (processes, or replicas on one database) never
 * hold the same message at once, and no transaction stays open during delivery (PGlite has one
 * connection). A crash mid-delivery leaves the lease to expire and the message to be retried:
 * delivery is at least once, and the receiver ignores duplicates by id.
 */
export function startRelay(options: RelayOptions): Relay {
  const { db, deliver, log } = options;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 150_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  let stopped = false;
  let running: Promise<number> | undefined;
  let again = false;

  async function claim(): Promise<OutboxMessage[]> {
    const { rows } = await sql<{
      id: string;
      topic: string;
      payload: unknown;
      attempts: number;
      created_at: Date;
    }>`
      update kit_outbox set attempts = attempts + 1, next_attempt_at = now() + ${`${leaseMs} milliseconds`}::interval
      where id in (
        select id from kit_outbox
        where delivered_at is null and next_attempt_at <= now()
        order by created_at, id
        limit ${batchSize}
        for update skip locked
      )
      returning id, topic, payload, attempts, created_at`.execute(db);
    return rows
      .map((r) => ({
        id: r.id,
        topic: r.topic,
        payload: r.payload,
        attempts: r.attempts,
        createdAt: r.created_at,
      }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch = await claim();
      for (const message of batch) {
        try {
          await deliver(message);
          await sql`update kit_outbox set delivered_at = now(), last_error = null where id = ${message.id}`.execute(
            db,
          );
          delivered += 1;
        } catch (error) {
          const backoff = Math.min(maxBackoffMs, 500 * 2 ** Math.min(message.attempts, 10));
          await sql`update kit_outbox set next_attempt_at = now() + ${`${backoff} milliseconds`}::interval,
            last_error = ${String((error as Error).message ?? error).slice(0, 500)} where id = ${message.id}`.execute(
            db,
          );
          log.warn(
            { outboxId: message.id, topic: message.topic, attempts: message.attempts, err: error },
            'outbox delivery failed',
          );
        }
      }
      if (batch.length < batchSize || stopped) return delivered;
    }
  }

  function runOnce(): Promise<number> {
    if (stopped) return Promise.resolve(0);
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((error: unknown) => {
        log.error({ err: error }, 'outbox relay pass failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void runOnce();
        }
      });
    return running;
  }

  const timer = setInterval(() => void runOnce(), options.intervalMs ?? 1000);
  timer.unref();
  return {
    kick: () => void runOnce(),
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

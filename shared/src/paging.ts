import {
  type DefaultConnectionArguments,
  type ResolveCursorConnectionArgs,
  resolveCursorConnection,
} from '@pothos/plugin-relay';
import { type SelectQueryBuilder, sql } from 'kysely';

export type { ResolveCursorConnectionArgs as PageArgs } from '@pothos/plugin-relay';

import { BadInputError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const encodeCursor = (key: string) => Buffer.from(`k:${key}`).toString('base64url');

const KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** Cursors carry a row key; anything that is not one is the client's mistake, never SQL's. */
export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const key = text.slice(2);
  if (!text.startsWith('k:') || !KEY.test(key)) {
    throw new BadInputError('分页游标无效', { reason: 'INVALID_CURSOR' });
  }
  return key;
}

/**
 * Cursor pages ordered by a unique key (keyset, not offset): one query per page whatever its
 * position, and stable while rows are added.
 */
export async function pageByKey<Row>(
  args: DefaultConnectionArguments,
  keyOf: (row: Row) => string,
  fetch: (page: ResolveCursorConnectionArgs) => Promise<Row[]>,
  /** `keyOf` already returns a whole cursor (e.g. `encodeRowCursor`) rather than a row key. */
  options: { rawCursor?: boolean } = {},
) {
  for (const n of [args.first, args.last]) {
    if (n != null && (n < 0 || n > MAX_PAGE_SIZE)) {
      throw new BadInputError(`每页条数须在 0 到 ${MAX_PAGE_SIZE} 之间`, { reason: 'PAGE_SIZE' });
    }
  }
  return resolveCursorConnection(
    {
      args,
      toCursor: (row: Row) => (options.rawCursor ? keyOf(row) : encodeCursor(keyOf(row))),
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
    },
    fetch,
  );
}

/** Applies one page's bounds and order to a query over `column`. */
export function keysetPage<QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  column: string,
  page: ResolveCursorConnectionArgs,
): QB {
  let q = qb as SelectQueryBuilder<any, any, any>;
  if (page.after) q = q.where(sql.ref(column), '>', decodeCursor(page.after));
  if (page.before) q = q.where(sql.ref(column), '<', decodeCursor(page.before));
  return q.orderBy(sql.ref(column), page.inverted ? 'desc' : 'asc').limit(page.limit) as QB;
}

/** Cursor of a row ordered by several columns: its values in order (timestamps as ISO strings). */
export const encodeRowCursor = (values: (string | number)[]) =>
  Buffer.from(`r:${JSON.stringify(values)}`).toString('base64url');

export function decodeRowCursor(cursor: string, arity: number): (string | number)[] {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let values: unknown;
  try {
    values = text.startsWith('r:') ? JSON.parse(text.slice(2)) : undefined;
  } catch {
    values = undefined;
  }
  const ok =
    Array.isArray(values) &&
    values.length === arity &&
    values.every(
      (v) => (typeof v === 'string' && v.length <= 128 && !v.includes('\u0000')) || typeof v === 'number',
    );
  if (!ok) throw new BadInputError('分页游标无效', { reason: 'INVALID_CURSOR' });
  return values as (string | number)[];
}

/**
 * One page of a query ordered by several columns in one direction (e.g. newest first, id as the
 * tie-break): a row comparison keeps it one indexable range whatever the page.
 */
export function rowKeysetPage<QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  columns: { ref: string; cast?: string }[],
  direction: 'asc' | 'desc',
  page: ResolveCursorConnectionArgs,
): QB {
  let q = qb as SelectQueryBuilder<any, any, any>;
  const tuple = sql.join(columns.map((c) => sql.ref(c.ref)));
  const values = (cursor: string) =>
    sql.join(
      decodeRowCursor(cursor, columns.length).map((v, i) => {
        const cast = columns[i]?.cast;
        // A timestamp that does not parse is the client's mistake, never a database error.
        if (
          (cast?.startsWith('timestamp') || cast === 'date') &&
          (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
        ) {
          throw new BadInputError('分页游标无效', { reason: 'INVALID_CURSOR' });
        }
        return cast ? sql`cast(${v} as ${sql.raw(cast)})` : sql`${v}`;
      }),
    );
  // "after" moves along the order; "before" against it; inverted (last/before) flips the scan.
  const forward = direction === 'asc' ? '>' : '<';
  const backward = direction === 'asc' ? '<' : '>';
  if (page.after) q = q.where(sql<boolean>`(${tuple}) ${sql.raw(forward)} (${values(page.after)})`);
  if (page.before) q = q.where(sql<boolean>`(${tuple}) ${sql.raw(backward)} (${values(page.before)})`);
  const scan = page.inverted ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  for (const c of columns) q = q.orderBy(sql.ref(c.ref), scan);
  return q.limit(page.limit) as QB;
}

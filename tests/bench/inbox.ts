import type { Principal } from '@duty/kit';
import type { Federation } from '../src/harness.js';
import { median, percentile } from './stats.js';
import { inboxWorkload } from './workloads.js';

/**
 * The dispatcher's inbox, one request at a time: pages of 10 and 50 items, each item with its
 * organ's request, case, accused and organ through federation. SQL statements per page must not
 * grow with the page size.
 */
export async function benchInboxPages(f: Federation, user: string | Principal, n: number) {
  const token = await f.tokenFor(user);
  const statements = () =>
    Object.fromEntries(Object.entries(f.subgraphs).map(([s, sub]) => [s, sub.database.statements]));
  const measure = async (first: number) => {
    const w = inboxWorkload({ user, first });
    const page = async () => {
      const res = await f.query(w.query, { token, variables: w.variables });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      w.check(res.body.data);
    };
    await page();
    const ms: number[] = [];
    const before = statements();
    for (let i = 0; i < n; i += 1) {
      const t0 = performance.now();
      await page();
      ms.push(performance.now() - t0);
    }
    const after = statements();
    const sqlPerPage = Object.fromEntries(
      Object.keys(after).map((s) => [s, (after[s]! - before[s]!) / n]),
    ) as Record<string, number>;
    return { p50: median(ms), p99: percentile(ms, 99), sqlPerPage };
  };
  return {
    backend: f.subgraphs.justice!.database.kind,
    requests: n,
    page10: await measure(10),
    page50: await measure(50),
  };
}

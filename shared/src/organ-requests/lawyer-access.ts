import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { SubgraphName } from '../config.js';
import { hasAnyRole } from '../principal.js';
import { groupByKeys } from '../scope.js';
import type { SubgraphContext } from '../subgraph.js';
import { findHelpRequestsByPersons } from './records.js';

type Ctx = SubgraphContext<any>;
const loaders = new WeakMap<
  object,
  { requests: DataLoader<string, boolean>; persons: DataLoader<string, boolean> }
>();

/**
 * Whether the caller is the duty lawyer the legal aid agency assigned to a help request, asked of
 * the justice subgraph (which holds the dispatch): one peer call per request, however many ids.
 * The organ never copies the assignment, so it can never disagree with it.
 */
function lawyerLoaders(ctx: Ctx, subgraph: SubgraphName) {
  let l = loaders.get(ctx);
  if (!l) {
    const requests = new DataLoader<string, boolean>(async (ids) => {
      const data = await ctx.peers.query<{ assignedRequestIds: string[] }>(
        'justice',
        ctx,
        'query($s: String!, $ids: [ID!]!) { assignedRequestIds(subgraph: $s, requestIds: $ids) }',
        { s: subgraph, ids },
      );
      const assigned = new Set(data.assignedRequestIds);
      return ids.map((id) => assigned.has(id));
    });
    const persons = new DataLoader<string, boolean>(async (personIds) => {
      const rows = await findHelpRequestsByPersons(ctx.db, personIds);
      const hits = await requests.loadMany(rows.map((r) => r.id));
      const failed = hits.find((h) => h instanceof Error);
      if (failed) throw failed;
      const mine = new Set(rows.filter((_r, i) => hits[i] === true).map((r) => r.person_id));
      return personIds.map((id) => mine.has(id));
    });
    l = { requests, persons };
    loaders.set(ctx, l);
  }
  return l;
}

const isLawyer = (ctx: Ctx) => !!ctx.principal?.lawyerId && hasAnyRole(ctx.principal, ['DUTY_LAWYER']);

/** The caller is the duty lawyer assigned to this help request. */
export const isAssignedToRequest = async (ctx: Ctx, subgraph: SubgraphName, requestId: string) =>
  isLawyer(ctx) && lawyerLoaders(ctx, subgraph).requests.load(requestId);

/** The caller is the duty lawyer assigned to a help request of this person (or of any of them). */
export async function isAssignedToPerson(ctx: Ctx, subgraph: SubgraphName, personIds: readonly string[]) {
  if (!isLawyer(ctx) || personIds.length === 0) return false;
  const hits = await lawyerLoaders(ctx, subgraph).persons.loadMany(personIds);
  return hits.some((h) => h === true);
}

/**
 * A per-case check for a subgraph's case type: the caller is the duty lawyer assigned to a help
 * request of a person in the case (so the lawyer can read the case they help in, and no other).
 */
export function lawyerCaseAccess(
  subgraph: SubgraphName,
  personsOfCases: (db: Kysely<any>, caseIds: readonly string[]) => Promise<{ id: string; case_id: string }[]>,
) {
  const byCtx = new WeakMap<object, DataLoader<string, string[]>>();
  return async (ctx: Ctx, caseId: string) => {
    if (!isLawyer(ctx)) return false;
    let l = byCtx.get(ctx);
    if (!l) {
      l = new DataLoader(async (ids: readonly string[]) =>
        groupByKeys(ids, await personsOfCases(ctx.db, ids), (p) => p.case_id).map((ps) =>
          ps.map((p) => p.id),
        ),
      );
      byCtx.set(ctx, l);
    }
    return isAssignedToPerson(ctx, subgraph, await l.load(caseId));
  };
}

import { DutyError, type OrganKind } from '@duty/kit';
import type { Context } from '../builder.js';

/** Where each kind of organ lives, how to ask that subgraph about one, and its name in Chinese. */
const ORGAN_LOOKUP: Record<
  OrganKind,
  { subgraph: 'court' | 'procuratorate' | 'public-security'; field: string; label: string }
> = {
  COURT: { subgraph: 'court', field: 'court', label: '法院' },
  PROCURATORATE: { subgraph: 'procuratorate', field: 'procuratorate', label: '检察院' },
  PUBLIC_SECURITY: { subgraph: 'public-security', field: 'policeOrgan', label: '公安机关或国家安全机关' },
  DETENTION_CENTER: { subgraph: 'public-security', field: 'detentionCenter', label: '看守所' },
};

export interface Organ {
  id: string;
  name: string;
  regionCode: string;
  address: string;
}

/**
 * Asks the organ's own subgraph, as the caller, whether it exists (its data is not ours):
 * BAD_USER_INPUT with `reason` when it does not.
 */
export async function findOrgan(ctx: Context, kind: OrganKind, id: string, reason: string): Promise<Organ> {
  const { subgraph, field, label } = ORGAN_LOOKUP[kind];
  const data = await ctx.peers
    .query<Record<string, Organ | null>>(
      subgraph,
      ctx,
      `query($id: ID!) { organ: ${field}(id: $id) { id name regionCode address } }`,
      { id },
    )
    .catch((error: unknown) => {
      if (error instanceof DutyError && error.extensions.code === 'NOT_FOUND') return { organ: null };
      throw error;
    });
  if (!data.organ) {
    throw new DutyError('BAD_USER_INPUT', `${label}（编号 ${id}）不存在：未在其系统中登记`, { reason });
  }
  return data.organ;
}

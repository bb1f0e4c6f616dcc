import { courtSubgraph } from '@duty/court';
import { justiceSubgraph } from '@duty/justice';
import type { SubgraphDefinition } from '@duty/kit';
import { procuratorateSubgraph } from '@duty/procuratorate';
import { publicSecuritySubgraph } from '@duty/public-security';

/** Every subgraph the supergraph composes, in the order of the kit's SUBGRAPHS list. */
export const subgraphDefinitions: SubgraphDefinition[] = [
  justiceSubgraph,
  courtSubgraph,
  procuratorateSubgraph,
  publicSecuritySubgraph,
];

import { runSubgraph } from '@duty/kit';
import { procuratorateSubgraph } from './index.js';

await runSubgraph(procuratorateSubgraph);

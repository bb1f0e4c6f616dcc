import { runSubgraph } from '@duty/kit';
import { publicSecuritySubgraph } from './index.js';

await runSubgraph(publicSecuritySubgraph);

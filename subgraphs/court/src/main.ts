import { runSubgraph } from '@duty/kit';
import { courtSubgraph } from './index.js';

await runSubgraph(courtSubgraph);

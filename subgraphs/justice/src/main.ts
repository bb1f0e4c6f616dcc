import { runSubgraph } from '@duty/kit';
import { justiceSubgraph } from './index.js';

await runSubgraph(justiceSubgraph);

// `pnpm compose`: prints every subgraph's schema.graphql and composes supergraph.graphql.
import { writeFileSync } from 'node:fs';
import { composeSupergraph, printSubgraphs, SUPERGRAPH_PATH, subgraphSchemaPath } from './composition.js';

const subgraphs = printSubgraphs();
for (const { name, sdl } of subgraphs) writeFileSync(subgraphSchemaPath(name), sdl);
writeFileSync(SUPERGRAPH_PATH, composeSupergraph(subgraphs));
console.log(`composed ${subgraphs.map((s) => s.name).join(', ')} → supergraph.graphql`);

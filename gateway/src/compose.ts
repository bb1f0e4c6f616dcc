// `pnpm compose`: prints every subgraph's schema.graphql and composes supergraph.graphql. Nothing is
// written unless every subgraph builds and the whole composition succeeds; then each file is
// replaced atomically (written beside, renamed over), so a failure never leaves a broken tree.
import { renameSync, writeFileSync } from 'node:fs';
import {
  CompositionFailed,
  composeSupergraph,
  printSubgraphs,
  SUPERGRAPH_PATH,
  subgraphSchemaPath,
} from './composition.js';

function writeAtomically(path: string, text: string) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

try {
  const subgraphs = printSubgraphs();
  const supergraph = composeSupergraph(subgraphs);
  for (const { name, sdl } of subgraphs) writeAtomically(subgraphSchemaPath(name), sdl);
  writeAtomically(SUPERGRAPH_PATH, supergraph);
  console.log(`composed ${subgraphs.map((s) => s.name).join(', ')} → supergraph.graphql`);
} catch (error) {
  // One readable block for the developer; a stack trace only for what is not a composition error.
  console.error(error instanceof CompositionFailed ? error.message : error);
  console.error('\nnothing was written');
  process.exit(1);
}

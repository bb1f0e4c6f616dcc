import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { REPO_ROOT, SUBGRAPHS } from '@duty/kit';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH } from './config.js';
import { subgraphDefinitions } from './subgraphs.js';

export { SUPERGRAPH_PATH };

export const subgraphSchemaPath = (name: string) => join(REPO_ROOT, 'subgraphs', name, 'schema.graphql');

/** Each subgraph's printed SDL, as its code defines it now. */
export function printSubgraphs(): { name: string; sdl: string }[] {
  return subgraphDefinitions.map((def) => ({
    name: def.name,
    sdl: `${printSubgraphSchema(def.schema())}\n`,
  }));
}

/**
 * Composes the supergraph from the subgraph SDLs. The URLs recorded are the defaults; the gateway
 * maps each subgraph name to its configured URL at run time.
 */
export function composeSupergraph(subgraphs: { name: string; sdl: string }[]): string {
  const result = composeServices(
    subgraphs.map(({ name, sdl }) => ({
      name,
      typeDefs: parse(sdl),
      url: `http://127.0.0.1:${SUBGRAPHS.find((s) => s.name === name)?.defaultPort}/graphql`,
    })),
  );
  if (result.errors) {
    throw new Error(`supergraph does not compose:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl}\n`;
}

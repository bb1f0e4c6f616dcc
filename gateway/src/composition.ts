import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { REPO_ROOT, SUBGRAPHS } from '@duty/kit';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH } from './config.js';
import { subgraphDefinitions } from './subgraphs.js';

export { SUPERGRAPH_PATH };

export const subgraphSchemaPath = (name: string) => join(REPO_ROOT, 'subgraphs', name, 'schema.graphql');

/** A subgraph that does not build, or a supergraph that does not compose: a message to read. */
export class CompositionFailed extends Error {}

/** Each subgraph's printed SDL, as its code defines it now. */
export function printSubgraphs(): { name: string; sdl: string }[] {
  return subgraphDefinitions.map((def) => {
    try {
      return { name: def.name, sdl: `${printSubgraphSchema(def.schema())}\n` };
    } catch (error) {
      throw new CompositionFailed(
        `subgraph ${def.name} does not build its schema:\n  ${(error as Error).message}`,
      );
    }
  });
}

/** Which subgraphs and schema elements a composition error points at, where it says. */
function where(error: { nodes?: readonly { subgraph?: string; loc?: { source?: { name?: string } } }[] }) {
  const places = new Set(
    (error.nodes ?? []).map((n) => n.subgraph ?? n.loc?.source?.name).filter((p): p is string => !!p),
  );
  return places.size ? ` [${[...places].join(', ')}]` : '';
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
    const lines = result.errors.map((e) => {
      const code = (e.extensions?.code as string | undefined) ?? 'COMPOSITION_ERROR';
      return `- ${code}${where(e as never)}: ${e.message}`;
    });
    throw new CompositionFailed(
      `supergraph does not compose (${lines.length} error(s)):\n${lines.join('\n')}`,
    );
  }
  return `${result.supergraphSdl}\n`;
}

import { readFileSync } from 'node:fs';
import { composeSupergraph, printSubgraphs, SUPERGRAPH_PATH, subgraphSchemaPath } from '@duty/gateway';
import { describe, expect, it } from 'vitest';

describe('the committed supergraph', () => {
  const printed = printSubgraphs();

  it.each(printed.map((p) => [p.name, p.sdl]))(
    'has an up-to-date %s schema.graphql (run `pnpm compose`)',
    (name, sdl) => {
      expect(readFileSync(subgraphSchemaPath(name), 'utf8')).toBe(sdl);
    },
  );

  it('composes, and supergraph.graphql is what composition gives (run `pnpm compose`)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph(printed));
  });

  it('fails to compose when two subgraphs disagree', () => {
    const broken = printed.map((p) =>
      p.name === 'procuratorate'
        ? { ...p, sdl: p.sdl.replace('enum RegionLevel {', 'type RegionLevel { x: Int }\nenum Unused {') }
        : p,
    );
    // One readable block: the error's code, the subgraphs it concerns, and why; no stack trace.
    expect(() => composeSupergraph(broken)).toThrow(
      /does not compose \(1 error\(s\)\):\n- TYPE_KIND_MISMATCH \[[^\]]*procuratorate[^\]]*\]: Type "RegionLevel"/,
    );
  });
});

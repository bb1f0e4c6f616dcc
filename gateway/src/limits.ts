import { DutyError } from '@duty/kit';
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Operation limits: a single request cannot make the planner or the subgraphs do unbounded work. */
export const LIMITS = { maxDepth: 12, maxIntrospectionDepth: 20, maxAliases: 30, maxTokens: 3000 } as const;

type Fragments = Record<string, FragmentDefinitionNode>;

interface Measure {
  /** Depth of data fields (introspection subtrees have their own budget). */
  depth: number;
  introspectionDepth: number;
  /** Aliases as executed: a fragment counts each time it is spread. */
  aliases: number;
}

/** Measures a selection set with fragments expanded; each fragment is measured once (memoized). */
function measure(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  memo: Map<string, Measure>,
  path: Set<string>,
): Measure {
  const m: Measure = { depth: 0, introspectionDepth: 0, aliases: 0 };
  if (!set) return m;
  for (const sel of set.selections) {
    let inner: Measure;
    if (sel.kind === Kind.FIELD) {
      const child = measure(sel.selectionSet, fragments, memo, path);
      m.aliases += child.aliases + (sel.alias ? 1 : 0);
      if (sel.name.value.startsWith('__')) {
        m.introspectionDepth = Math.max(
          m.introspectionDepth,
          1 + Math.max(child.depth, child.introspectionDepth),
        );
      } else {
        m.depth = Math.max(m.depth, 1 + child.depth);
        m.introspectionDepth = Math.max(
          m.introspectionDepth,
          child.introspectionDepth && 1 + child.introspectionDepth,
        );
      }
      continue;
    }
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(sel.selectionSet, fragments, memo, path);
    } else {
      const name = sel.name.value;
      // A cycle is reported by graphql-js's own NoFragmentCycles rule.
      if (path.has(name)) continue;
      let cached = memo.get(name);
      if (!cached) {
        path.add(name);
        cached = measure(fragments[name]?.selectionSet, fragments, memo, path);
        path.delete(name);
        memo.set(name, cached);
      }
      inner = cached;
    }
    m.depth = Math.max(m.depth, inner.depth);
    m.introspectionDepth = Math.max(m.introspectionDepth, inner.introspectionDepth);
    m.aliases += inner.aliases;
  }
  return m;
}

export function operationLimitsRule(limits: typeof LIMITS = LIMITS) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments: Fragments = Object.fromEntries(
        context
          .getDocument()
          .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      const m = measure(node.selectionSet, fragments, new Map(), new Set());
      if (m.depth > limits.maxDepth || m.introspectionDepth > limits.maxIntrospectionDepth) {
        const [depth, max] =
          m.depth > limits.maxDepth
            ? [m.depth, limits.maxDepth]
            : [m.introspectionDepth, limits.maxIntrospectionDepth];
        context.reportError(
          new DutyError('QUERY_TOO_COMPLEX', `查询嵌套过深：${depth} 层，最多 ${max} 层`, {
            reason: 'DEPTH',
            limit: max,
          }),
        );
      }
      if (m.aliases > limits.maxAliases) {
        context.reportError(
          new DutyError(
            'QUERY_TOO_COMPLEX',
            `查询使用的别名过多：${m.aliases} 个，最多 ${limits.maxAliases} 个`,
            {
              reason: 'ALIASES',
              limit: limits.maxAliases,
            },
          ),
        );
      }
    },
  });
}

import { DutyError } from '@duty/kit';
import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Operation limits: a single request cannot make the planner or the subgraphs do unbounded work. */
export const LIMITS = { maxDepth: 12, maxAliases: 30, maxTokens: 3000 } as const;

function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      max = Math.max(max, 1 + depthOf(sel.selectionSet, fragments, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      if (seen.has(name)) continue;
      seen.add(name);
      max = Math.max(max, depthOf(fragments[name]?.selectionSet, fragments, seen));
      seen.delete(name);
    }
  }
  return max;
}

export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments = Object.fromEntries(
        context
          .getDocument()
          .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      );
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > maxDepth) {
        context.reportError(
          new DutyError('QUERY_TOO_COMPLEX', `查询嵌套过深：${depth} 层，最多 ${maxDepth} 层`, {
            reason: 'DEPTH',
            limit: maxDepth,
          }),
        );
      }
    },
  });
}

export function aliasLimitRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) {
            context.reportError(
              new DutyError('QUERY_TOO_COMPLEX', `查询使用的别名过多：${aliases} 个，最多 ${maxAliases} 个`, {
                reason: 'ALIASES',
                limit: maxAliases,
              }),
            );
          }
        },
      },
    };
  };
}

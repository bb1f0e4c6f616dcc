import type { GraphQLObjectType } from 'graphql';

const TERM = /[（(]([^（）()]*[\u4e00-\u9fff][^（）()]*)[）)]/;

/** The Chinese term a description gives beside the English one: "Name (姓名)" → 姓名. */
export const chineseTerm = (description: string | null | undefined) =>
  TERM.exec(description ?? '')?.[1]?.trim();

/**
 * What a field holds, in the domain's words from the schema's own descriptions (律师的居民身份证号码),
 * so a refusal tells a user what they may not see without naming the API's types and fields.
 */
export function fieldTerm(type: GraphQLObjectType, field: string): string {
  const owner = chineseTerm(type.description);
  const what = chineseTerm(type.getFields()[field]?.description);
  if (!what) return owner ? `${owner}的这项信息` : '这项信息';
  return !owner || what.startsWith(owner) ? what : `${owner}的${what}`;
}

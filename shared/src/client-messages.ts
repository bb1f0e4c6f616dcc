/**
 * Chinese for the English messages graphql-js and Apollo Server give clients (validation, variable
 * coercion, syntax, CSRF and batching refusals). The English stays in `extensions.originalMessage`
 * for developers; a message with no rule here falls back to its code's plain Chinese summary.
 */

type Rule = [RegExp, (...groups: string[]) => string];

/** Why a value does not fit a built-in scalar or an input type (graphql-js coercion reasons). */
const REASONS: Rule[] = [
  [
    /^Int cannot represent non 32-bit signed integer value/,
    () => '整数超出范围（-2147483648 至 2147483647）',
  ],
  [/^Int cannot represent non-integer value/, () => '应为整数'],
  [/^Float cannot represent non numeric value/, () => '应为数字'],
  [/^String cannot represent a non string value/, () => '应为文字（字符串）'],
  [/^Boolean cannot represent a non boolean value/, () => '应为 true 或 false'],
  [/^ID cannot represent value/, () => '应为编号（字符串或整数）'],
  [/^Value "([^"]*)" does not exist in "([^"]*)" enum/, (v) => `“${v}”不是可选的值`],
  [
    /^Enum "([^"]*)" cannot represent non-enum value: (.*?)\.?( Did you mean .*)?$/,
    (_e, v) => `${v} 不是可选的值`,
  ],
  [/^Expected value of type "([^"]*)", found null/, () => '不能为空'],
  [/^Expected non-nullable type "([^"]*)" not to be null/, () => '不能为空'],
  [/^Field "([^"]*)" of required type "([^"]*)" was not provided/, (f) => `缺少必填项“${f}”`],
  [/^Field "([^"]*)" is not defined by type "([^"]*)"/, (f) => `没有“${f}”这一项`],
  [/^Expected type "([^"]*)" to be an object/, () => '应为一组输入项（对象）'],
  [/^Expected value of type "([^"]*)", found (.*?);\s*(.*)$/, (_t, _v, why) => reason(why)],
  [/^Expected value of type "([^"]*)", found (.*?)\.?$/, (t) => `类型应为 ${t}`],
];

/** The coercion reason in Chinese; one of our own scalars already explains itself in Chinese. */
function reason(english: string): string {
  const text = english.trim();
  for (const [re, say] of REASONS) {
    const m = re.exec(text);
    if (m) return say(...m.slice(1));
  }
  return /[\u4e00-\u9fff]/.test(text) ? text : '格式不正确';
}

const didYouMean = (rest: string | undefined) => {
  const names = [...(rest ?? '').matchAll(/"([^"]+)"/g)].map((m) => `“${m[1]}”`);
  return names.length ? `，是否想用 ${names.join('、')}？` : '';
};

const RULES: Rule[] = [
  [/^Syntax Error: (.*)$/, () => '查询语法错误，请检查括号、引号和字段名'],
  [
    /^Cannot query field "([^"]*)" on type "([^"]*)"\.(.*)$/,
    (f, t, rest) => `“${t}”没有可查询的字段“${f}”${didYouMean(rest)}`,
  ],
  [
    /^Unknown argument "([^"]*)" on field "([^"]*)"\.(.*)$/,
    (a, f, rest) => `字段“${f}”没有参数“${a}”${didYouMean(rest)}`,
  ],
  [
    /^Field "([^"]*)" argument "([^"]*)" of type "([^"]*)" is required, but it was not provided\.$/,
    (f, a) => `字段“${f}”缺少必填参数“${a}”`,
  ],
  [
    /^Field "([^"]*)" of type "([^"]*)" must have a selection of subfields/,
    (f) => `字段“${f}”须列出要查询的子字段`,
  ],
  [
    /^Field "([^"]*)" must not have a selection since type "([^"]*)" has no subfields/,
    (f) => `字段“${f}”没有子字段，不能再列出子字段`,
  ],
  [/^Unknown type "([^"]*)"\.(.*)$/, (t, rest) => `未知类型“${t}”${didYouMean(rest)}`],
  [/^Unknown fragment "([^"]*)"/, (n) => `未定义的片段“${n}”`],
  [/^Fragment "([^"]*)" is never used/, (n) => `片段“${n}”定义了但未使用`],
  [/^Variable "\$([^"]*)" is never used/, (v) => `变量 $${v} 定义了但未使用`],
  [/^Variable "\$([^"]*)" is not defined/, (v) => `变量 $${v} 未定义`],
  [/^Variable "\$([^"]*)" of required type "([^"]*)" was not provided/, (v) => `缺少必填变量 $${v}`],
  [/^Variable "\$([^"]*)" of non-null type "([^"]*)" must not be null/, (v) => `变量 $${v} 不能为空`],
  [
    /^Variable "\$([^"]*)" got invalid value (.*?); (.*)$/s,
    (v, _value, why) => `变量 $${v} 的值无效：${reason(why)}`,
  ],
  [
    /^Variable "\$([^"]*)" of type "([^"]*)" used in position expecting type "([^"]*)"/,
    (v) => `变量 $${v} 的类型与使用处不符`,
  ],
  [/^There can be only one variable named "\$([^"]*)"/, (v) => `变量 $${v} 重复定义`],
  [/^There can be only one fragment named "([^"]*)"/, (n) => `片段“${n}”重复定义`],
  [/^There can be only one operation named "([^"]*)"/, (n) => `操作“${n}”重复定义`],
  [/^Cannot spread fragment "([^"]*)" within itself/, (n) => `片段“${n}”不能引用自身`],
  [/^Fragment "([^"]*)" cannot be spread here/, (n) => `片段“${n}”不能用在这里`],
  [/^Unknown directive "@?([^"]*)"/, (d) => `未知指令 @${d}`],
  [/^Unknown operation named "([^"]*)"/, (n) => `找不到名为“${n}”的操作`],
  [
    /^Must provide operation name if query contains multiple operations/,
    () => '请求含多个操作时须指明要执行的操作名称',
  ],
  [/^Must provide query string/, () => '请求中没有查询语句'],
  [/^GraphQL operations must contain a non-empty `query`/, () => '请求中没有查询语句'],
  [/^This anonymous operation must be the only defined operation/, () => '匿名操作只能单独发送'],
  [/^GraphQL introspection is not allowed/, () => '本环境不开放接口结构查询（内省）'],
  [/^Subscriptions are not supported/, () => '不支持订阅'],
  [/^Anonymous Subscription must select only one top level field/, () => '不支持订阅'],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery/,
    () =>
      '请求被拒绝：可能是跨站请求伪造（CSRF）。请以 Content-Type: application/json 发送，或加上 apollo-require-preflight 请求头',
  ],
  [/^Operation batching disabled/, () => '不支持批量请求：每次请求只能发送一个操作'],
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys/,
    () => '请求体为空或格式不对：请以 Content-Type: application/json 发送查询',
  ],
  [/^POST body missing/, () => '请求体为空：请以 Content-Type: application/json 发送查询'],
  [/^GET requests must specify a query/, () => 'GET 请求须带有 query 参数'],
  [/^Can only perform a mutation operation from a POST request/, () => '修改操作只能用 POST 请求发送'],
  [/^Variables are invalid JSON/, () => '变量不是有效的 JSON'],
  [/^`variables` in a POST body should be provided as an object/, () => '变量须是一个 JSON 对象'],
  [/^`extensions` in a POST body should be provided as an object/, () => 'extensions 须是一个 JSON 对象'],
  [/^`operationName` in a POST body must be a string/, () => '操作名称须是字符串'],
  [/^Invalid value for `operationName`/, () => '操作名称无效'],
  [/^Persisted query not found/i, () => '持久化查询不存在'],
  [/^Persisted queries? (are )?not supported/i, () => '不支持持久化查询'],
];

/** Plain summaries by code, for a message without a rule above. */
const SUMMARY: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '查询语法错误',
  GRAPHQL_VALIDATION_FAILED: '查询不符合接口定义',
  BAD_USER_INPUT: '输入有误',
  BAD_REQUEST: '请求格式错误',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
  PERSISTED_QUERY_NOT_FOUND: '持久化查询不存在',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
};

/** Codes of client mistakes graphql-js and Apollo describe in English. */
export const CLIENT_MISTAKE_CODES: ReadonlySet<string> = new Set(Object.keys(SUMMARY));

const CHINESE = /[\u4e00-\u9fff]/;

/**
 * The Chinese message for a client mistake, or undefined when `message` is already ours (Chinese,
 * e.g. coming back from a subgraph through the gateway).
 */
export function chineseClientMessage(code: string, message: string): string | undefined {
  if (CHINESE.test(message) && !/^(Variable|Expected|Field|Syntax)/.test(message)) return undefined;
  for (const [re, say] of RULES) {
    const m = re.exec(message);
    if (m) return say(...m.slice(1));
  }
  return SUMMARY[code] ?? '请求有误';
}

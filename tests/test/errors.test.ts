import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, postGraphQL, startTestFederation } from '../src/harness.js';

let f: Federation;
beforeAll(async () => {
  f = await startTestFederation();
});
afterAll(() => f?.stop());

const CHINESE = /[\u4e00-\u9fff]/;
/** What every error a client receives must look like: Chinese, no server paths, no stack. */
function readable(error: { message: string; extensions?: Record<string, any> } | undefined) {
  expect(error?.message).toMatch(CHINESE);
  expect(error?.message).not.toMatch(/\b(Cannot|Variable|Expected|operation|Lawyer\.|Query\.)\b/);
  expect(error?.extensions?.stacktrace).toBeUndefined();
  expect(error?.extensions?.serviceName).toBeUndefined();
  expect(JSON.stringify(error)).not.toContain('/work/');
}

describe('errors a person can read, through the gateway', () => {
  it('a refusal says in the domain’s words what may not be seen, without a stack trace', async () => {
    const res = await f.query('{ lawyer(id: "lawyer-110105-01") { name residentIdNumber } }', {
      token: await f.tokenFor('court-staff-110105'),
    });
    const error = res.body.errors?.[0];
    expect(error?.extensions?.code).toBe('FORBIDDEN');
    expect(error?.message).toBe('无权查看律师的居民身份证号码');
    readable(error);
  });

  it('a query naming a field that does not exist is refused in Chinese, the English kept for developers', async () => {
    const res = await f.query('{ courts(first: 1) { edges { node { nam } } } }', {
      token: await f.tokenFor('court-staff-110105'),
    });
    const error = res.body.errors?.[0];
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error?.message).toBe('“Court”没有可查询的字段“nam”，是否想用 “name”？');
    expect(error?.extensions?.originalMessage).toMatch(/^Cannot query field "nam" on type "Court"/);
    readable(error);
  });

  it('a variable of the wrong kind says what was expected', async () => {
    const res = await f.query('query($n: Int) { courts(first: $n) { edges { node { name } } } }', {
      token: await f.tokenFor('court-staff-110105'),
      variables: { n: 'abc' },
    });
    const error = res.body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toBe('变量 $n 的值无效：应为整数');
    expect(error?.extensions?.originalMessage).toContain('Int cannot represent non-integer value');
    readable(error);
    const syntax = await f.query('{ courts(first: 1) { edges { node { name } }', {
      token: await f.tokenFor('court-staff-110105'),
    });
    expect(syntax.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    readable(syntax.body.errors?.[0]);
  });

  it('refuses a possible cross-site request and a batch in Chinese', async () => {
    const csrf = await request(f.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(csrf.statusCode).toBe(400);
    const csrfBody = JSON.parse(await csrf.body.text());
    expect(csrfBody.errors[0].message).toMatch(/^请求被拒绝：可能是跨站请求伪造（CSRF）/);
    readable(csrfBody.errors[0]);
    const batch = await postGraphQL(f.gateway.graphqlUrl, [
      { query: '{ __typename }' },
      { query: '{ __typename }' },
    ]);
    expect(batch.status).toBe(400);
    expect(batch.body.errors?.[0]?.message).toMatch(/^不支持批量请求/);
    expect(batch.body.errors?.[0]?.extensions?.originalMessage).toMatch(/batching/i);
    readable(batch.body.errors?.[0]);
  });
});

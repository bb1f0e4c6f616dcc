import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningGateway, startGateway } from '@duty/gateway';
import { generateSigningKey, loadOrCreateSigningKey, REPO_ROOT } from '@duty/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, unreachableUrl } from '../src/harness.js';

const run = promisify(execFile);
const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'duty-mint-'));
  dirs.push(d);
  return d;
};

/** `pnpm mint-token` as a developer runs it, against a data folder and a gateway URL. */
async function mintToken(env: { DUTY_DATA_DIR: string; DUTY_GATEWAY_URL: string }, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'src/token.ts', ...args], {
      cwd: join(REPO_ROOT, 'gateway'),
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let running: RunningGateway;
let runningDir: string;
let production: RunningGateway;
beforeAll(async () => {
  runningDir = dataDir();
  const { key: signingKey } = await generateSigningKey('gateway-test');
  running = await startGateway({
    port: 0,
    production: false,
    subgraphUrls: {},
    signingKey,
    issuers: [],
    devIssuer: await loadOrCreateSigningKey(join(runningDir, 'keys'), 'dev-issuer'),
  });
  production = await startGateway({ port: 0, production: true, subgraphUrls: {}, signingKey, issuers: [] });
});
afterAll(async () => {
  await running?.stop();
  await production?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('mint-token', () => {
  it('signs with the running system’s key: the gateway accepts the token', async () => {
    const res = await mintToken(
      { DUTY_DATA_DIR: runningDir, DUTY_GATEWAY_URL: running.url },
      'dispatcher-110105',
    );
    expect(res.code).toBe(0);
    const token = res.stdout.trim();
    const answer = await postGraphQL(
      running.graphqlUrl,
      { query: '{ __typename }' },
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses, and makes no key, when the data folder has none', async () => {
    const empty = dataDir();
    const res = await mintToken({ DUTY_DATA_DIR: empty, DUTY_GATEWAY_URL: running.url }, 'dispatcher-110105');
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('没有开发签发密钥');
    expect(existsSync(join(empty, 'keys'))).toBe(false);
  });

  it('refuses a key the running gateway does not trust, saying which data folder to use', async () => {
    const other = dataDir();
    await loadOrCreateSigningKey(join(other, 'keys'), 'dev-issuer');
    const res = await mintToken({ DUTY_DATA_DIR: other, DUTY_GATEWAY_URL: running.url }, 'dispatcher-110105');
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('另一把开发签发密钥');
    expect(res.stderr).toContain('DUTY_DATA_DIR');
  });

  it('refuses when the running gateway takes no development tokens', async () => {
    const res = await mintToken(
      { DUTY_DATA_DIR: runningDir, DUTY_GATEWAY_URL: production.url },
      'dispatcher-110105',
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('不接受开发令牌');
  });

  it('with no gateway running, prints the token and says which key signed it', async () => {
    const down = new URL(await unreachableUrl()).origin;
    const res = await mintToken({ DUTY_DATA_DIR: runningDir, DUTY_GATEWAY_URL: down }, 'dispatcher-110105');
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.stderr).toContain('没有运行中的网关');
  });
});

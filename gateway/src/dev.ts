// `pnpm start`: the whole system on this machine — four subgraph processes on the embedded
// database (or PostgreSQL when DUTY_PG_URL is set) with demo data, and the gateway.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createLogger, keysDir, loadOrCreateSigningKey, REPO_ROOT, SUBGRAPHS, subgraphPort } from '@duty/kit';
import { request } from 'undici';
import {
  configuredIssuers,
  devIssuerKey,
  gatewayPort,
  gatewayPublicKeyFile,
  gatewaySigningKey,
  subgraphUrls,
} from './config.js';
import { startGateway } from './server.js';

const log = createLogger('launcher');
const signingKey = await gatewaySigningKey();
const devIssuer = await devIssuerKey();
// Each subgraph signs its calls to peers; all keys exist before any subgraph starts.
for (const s of SUBGRAPHS) await loadOrCreateSigningKey(keysDir(), s.name);

const children: ChildProcess[] = SUBGRAPHS.map((s) => {
  const cwd = join(REPO_ROOT, 'subgraphs', s.name);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd,
    env: { ...process.env, DUTY_GATEWAY_PUBLIC_KEY_FILE: gatewayPublicKeyFile() },
    // The IPC channel lets a subgraph notice when the launcher dies and stop with it.
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log.error({ subgraph: s.name, code, signal }, 'subgraph exited');
      void shutdown(1);
    }
  });
  return child;
});

let stopping = false;
let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await gateway?.stop();
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

async function waitReady(name: string, port: number) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      const r = await request(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
      await r.body.dump();
      if (r.statusCode === 200) return;
    } catch {
      // not up yet
    }
    if (stopping) throw new Error('stopping');
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become ready`);
}

try {
  await Promise.all(SUBGRAPHS.map((s) => waitReady(s.name, subgraphPort(s.name))));
  gateway = await startGateway({
    port: gatewayPort(),
    host: process.env.DUTY_HOST,
    production: false,
    subgraphUrls: subgraphUrls(),
    signingKey,
    issuers: configuredIssuers(),
    devIssuer,
    log: createLogger('gateway'),
  });
} catch (error) {
  // Never leave the subgraphs running (holding their ports) when the gateway cannot start.
  if (!stopping) log.fatal({ err: error }, 'could not start');
  await shutdown(1);
}

if (gateway) {
  const url = gateway.url;
  process.stdout.write(`
  值班律师联邦图谱已启动 (duty lawyer federation is up)

  GraphQL:   ${url}/graphql
  Explorer:  ${url}/explorer   (pick a demo user at the top / 在页面顶部选择演示用户)
  Token:     npx --yes pnpm@12.4.2 mint-token dispatcher-110105   (list users: … mint-token --list)
  Subgraphs: ${SUBGRAPHS.map((s) => `${s.name} :${subgraphPort(s.name)}`).join(', ')}

`);
}

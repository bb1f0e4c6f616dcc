import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { startHttpService } from '../src/service.js';

const log = createLogger('test', { level: 'silent' });

describe('HTTP service', () => {
  it('serves /healthz and /readyz, and 503 when a dependency is down', async () => {
    let dbUp = true;
    const svc = await startHttpService({
      name: 'svc',
      port: 0,
      log,
      handle: async () => false,
      ready: async () => (dbUp ? { database: 'ok' } : false),
    });
    try {
      expect((await request(`${svc.url}/healthz`)).statusCode).toBe(200);
      expect((await request(`${svc.url}/readyz`)).statusCode).toBe(200);
      dbUp = false;
      expect((await request(`${svc.url}/readyz`)).statusCode).toBe(503);
      const missing = await request(`${svc.url}/nope`);
      expect(missing.statusCode).toBe(404);
      expect(await missing.body.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    } finally {
      await svc.stop();
    }
  });

  it('finishes in-flight requests on stop, then refuses new connections', async () => {
    let stoppedAfterCleanup = false;
    const svc = await startHttpService({
      name: 'svc',
      port: 0,
      log,
      handle: async (_req, res) => {
        await new Promise((r) => setTimeout(r, 400));
        res.end('done');
        return true;
      },
      ready: async () => ({}),
      onStopped: async () => {
        stoppedAfterCleanup = true;
      },
    });
    const inFlight = request(`${svc.url}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    const stopping = svc.stop();
    const res = await inFlight;
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('done');
    await stopping;
    expect(stoppedAfterCleanup).toBe(true);
    await expect(request(`${svc.url}/healthz`)).rejects.toThrow();
  });

  it('waits for a handler still running after its client hung up before closing resources', async () => {
    let handlerDone = false;
    let closedWhileRunning = false;
    const svc = await startHttpService({
      name: 'svc',
      port: 0,
      log,
      handle: async (_req, res) => {
        await new Promise((r) => setTimeout(r, 400));
        handlerDone = true;
        res.end('late');
        return true;
      },
      ready: async () => ({}),
      onStopped: async () => {
        closedWhileRunning = !handlerDone;
      },
    });
    const controller = new AbortController();
    const aborted = request(`${svc.url}/slow`, { signal: controller.signal }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    expect(await aborted).toBe('aborted');
    await svc.stop();
    expect(handlerDone).toBe(true);
    expect(closedWhileRunning).toBe(false);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestIdOf, sendJson } from './http.js';
import type { Logger } from './logger.js';

export interface HttpServiceOptions {
  name: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  log: Logger;
  /** Handles an application request; return false for 404. */
  handle: (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<boolean>;
  /** Readiness beyond "the process is up", e.g. the database answers. */
  ready: () => Promise<Record<string, unknown> | false>;
  /** Runs after the last in-flight request finished (close the database here). */
  onStopped?: () => Promise<void>;
  /** How long shutdown waits for in-flight requests. */
  drainTimeoutMs?: number;
}

export interface RunningService {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

/**
 * An HTTP service with `/healthz` (the process answers), `/readyz` (it can serve: dependencies
 * answer, not draining) and a graceful stop that lets in-flight requests finish.
 */
export async function startHttpService(options: HttpServiceOptions): Promise<RunningService> {
  const { log } = options;
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    // A request counts until its handler has finished, not until the client hangs up: stopping
    // must not close the database under a resolver that is still running.
    inFlight += 1;
    const started = performance.now();
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      if (req.url !== '/healthz' && req.url !== '/readyz') {
        log.info(
          {
            requestId,
            method: req.method,
            url: req.url,
            status: res.statusCode,
            ms: Math.round((performance.now() - started) * 10) / 10,
          },
          'request',
        );
      }
    });
    route(req, res, requestId)
      .catch((error: unknown) => {
        log.error({ requestId, err: error }, 'unhandled request error');
        if (!res.headersSent) {
          sendJson(res, 500, {
            errors: [
              { message: '服务器内部错误，请稍后重试', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
            ],
          });
        } else res.destroy();
      })
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
  });

  async function route(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
    if (path === '/readyz') {
      if (draining) return sendJson(res, 503, { status: 'draining', service: options.name });
      let detail: Record<string, unknown> | false;
      try {
        detail = await options.ready();
      } catch (error) {
        log.warn({ err: error }, 'readiness check failed');
        detail = false;
      }
      return detail
        ? sendJson(res, 200, { status: 'ready', service: options.name, ...detail })
        : sendJson(res, 503, { status: 'unavailable', service: options.name });
    }
    if (!(await options.handle(req, res, requestId))) {
      sendJson(res, 404, { errors: [{ message: '未找到该地址', extensions: { code: 'NOT_FOUND' } }] });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  log.info({ url }, `${options.name} listening`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            idle = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, options.drainTimeoutMs ?? 10_000).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
      await options.onStopped?.();
      log.info(`${options.name} stopped`);
    })();
    return stopping;
  };
  return { url, port, server, stop };
}

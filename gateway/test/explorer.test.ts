import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExplorerHandler, type ExplorerOptions } from '../src/explorer/index.js';

const options: ExplorerOptions = {
  graphqlPath: '/graphql',
  tokenPath: '/auth/demo-token',
  users: [
    { id: 'court-cy', label: '北京市朝阳区人民法院 · 法院工作人员' },
    { id: 'lawyer-1', label: '朝阳区法律援助中心 · 值班律师 <张某> & "李某"' },
  ],
};

interface Started {
  server: Server;
  base: string;
  /** Paths for which the handler returned false. */
  declined: string[];
}

async function start(opts: ExplorerOptions): Promise<Started> {
  const handler = createExplorerHandler(opts);
  const declined: string[] = [];
  const server = createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (handled) return;
        declined.push(req.url ?? '');
        res.statusCode = 418;
        res.end('not the explorer');
      },
      (err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, declined };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

/** src/href attribute values of <script>/<link> tags. */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('explorer handler', () => {
  let s: Started;
  let page: Response;
  let html: string;

  beforeAll(async () => {
    s = await start(options);
    page = await fetch(`${s.base}/explorer`);
    html = await page.text();
  });
  afterAll(async () => {
    await stop(s.server);
  });

  it('serves the HTML page with the user picker', () => {
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html;\s*charset=utf-8$/i);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>值班律师联邦图谱 · GraphQL 调试台</title>');
    expect(html).toMatch(/<select\b[^>]*id="explorer-user"/);
    expect(html).toContain('演示用户');
    expect(html).toContain('<option value="">匿名（公众）</option>');
    expect(html).toContain('<option value="court-cy">北京市朝阳区人民法院 · 法院工作人员</option>');
    // labels are HTML-escaped
    expect(html).toContain('值班律师 &lt;张某&gt; &amp; &quot;李某&quot;');
    expect(html).toContain('data-graphql-path="/graphql"');
    expect(html).toContain('data-token-path="/auth/demo-token"');
    expect(html).toContain('query Overview {');
  });

  it('loads nothing from other hosts and has no inline script', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    const urls = referencedUrls(html);
    const assets = urls.filter((u) => !u.startsWith('data:'));
    expect(assets.length).toBeGreaterThanOrEqual(6);
    for (const url of assets) expect(url).toMatch(/^\/explorer\/assets\/[\w.@-]+$/);
    expect(assets.some((u) => /react-[\d.]+.*\.js$/.test(u))).toBe(true);
    expect(assets.some((u) => /react-dom-[\d.]+.*\.js$/.test(u))).toBe(true);
    expect(assets.some((u) => /graphiql-[\d.]+.*\.js$/.test(u))).toBe(true);
    expect(assets.some((u) => /graphiql-[\d.]+.*\.css$/.test(u))).toBe(true);
    expect(assets).toContain('/explorer/assets/explorer.js');
    // every <script> has a src and no body
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\bsrc="/);
      expect(m[2]).toBe('');
    }
  });

  it('sends a strict Content-Security-Policy', () => {
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|;\s*)default-src 'none'/);
    expect(csp).toMatch(/(^|;\s*)script-src 'self'(;|$)/);
    expect(csp).toMatch(/(^|;\s*)connect-src 'self'(;|$)/);
    expect(csp).not.toMatch(/https?:|unsafe-eval|unsafe-inline|\*/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves every referenced asset with the right content type', async () => {
    const assets = referencedUrls(html).filter((u) => !u.startsWith('data:'));
    for (const url of assets) {
      const res = await fetch(`${s.base}${url}`);
      const body = await res.text();
      expect(res.status, url).toBe(200);
      expect(body.length, url).toBeGreaterThan(0);
      const type = res.headers.get('content-type') ?? '';
      if (url.endsWith('.js')) expect(type, url).toMatch(/^text\/javascript;\s*charset=utf-8$/i);
      else if (url.endsWith('.css')) expect(type, url).toMatch(/^text\/css;\s*charset=utf-8$/i);
      else throw new Error(`unexpected asset ${url}`);
      expect(res.headers.get('etag'), url).toBeTruthy();
      if (/-\d+\.\d+\.\d+/.test(url)) {
        expect(res.headers.get('cache-control'), url).toMatch(/max-age=31536000/);
      }
    }
  });

  it('serves the GraphiQL UMD bundle that expects window.React / window.ReactDOM', async () => {
    const url = referencedUrls(html).find((u) => /graphiql-[\d.]+.*\.js$/.test(u));
    const body = await (await fetch(`${s.base}${url}`)).text();
    expect(body).toContain('.GraphiQL=');
    expect(body).toContain('e.React,e.ReactDOM');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${s.base}/explorer/assets/explorer.js`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    const second = await fetch(`${s.base}/explorer/assets/explorer.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(second.status).toBe(304);
  });

  it('404s unknown assets and explorer sub-paths', async () => {
    for (const path of [
      '/explorer/assets/nope.js',
      '/explorer/assets/index.umd.js.map',
      '/explorer/assets/',
      '/explorer/other',
    ]) {
      const res = await fetch(`${s.base}${path}`);
      await res.arrayBuffer();
      expect(res.status, path).toBe(404);
    }
  });

  it('rejects non-GET methods on its paths', async () => {
    const res = await fetch(`${s.base}/explorer`, { method: 'POST', body: '{}' });
    await res.arrayBuffer();
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('returns false for paths that are not its own', async () => {
    for (const path of ['/graphql', '/explorerx', '/', '/auth/demo-token']) {
      const res = await fetch(`${s.base}${path}`);
      await res.arrayBuffer();
      expect(res.status, path).toBe(418);
    }
    expect(s.declined).toEqual(['/graphql', '/explorerx', '/', '/auth/demo-token']);
  });
});

describe('explorer handler without tokenPath', () => {
  it('renders the picker disabled (anonymous only)', async () => {
    const s = await start({ graphqlPath: '/graphql', users: options.users });
    try {
      const html = await (await fetch(`${s.base}/explorer`)).text();
      expect(html).toMatch(/<select\b[^>]*id="explorer-user"[^>]*\bdisabled\b/);
      expect(html).toContain('data-token-path=""');
    } finally {
      await stop(s.server);
    }
  });

  it('refuses cross-origin endpoint URLs', () => {
    expect(() => createExplorerHandler({ graphqlPath: 'https://example.org/graphql', users: [] })).toThrow();
    expect(() => createExplorerHandler({ graphqlPath: '//example.org/graphql', users: [] })).toThrow();
  });
});

/**
 * Self-hosted GraphiQL explorer for the gateway.
 *
 * Agency networks are closed, so nothing may come from a CDN: React,
 * ReactDOM and GraphiQL are served from the installed npm packages under
 * `/explorer/assets/`, together with the page's own small script and
 * stylesheet (see `./client.ts`).
 *
 * GraphiQL 3.9's UMD build (`graphiql/graphiql.min.js`, identical to
 * `dist/index.umd.js`) bundles graphql-js and everything else it needs; its
 * only externals are the globals `window.React` and `window.ReactDOM`, so the
 * page loads exactly: react UMD → react-dom UMD → graphiql UMD → explorer.js.
 *
 * Caching: vendor asset names carry the package version
 * (`graphiql-3.9.0.min.js`, `react-18.3.1.production.min.js`, …). The
 * content behind such a name can only change when the package is upgraded,
 * which changes the name, so they are served with a one-year `immutable`
 * Cache-Control. The explorer's own `explorer.js`/`explorer.css` change with
 * gateway deploys and keep fixed names, so they are served with
 * `Cache-Control: no-cache` and a content-hash ETag (cheap 304 revalidation).
 * All assets are read from disk once, on first request, and kept in memory
 * (identity and gzip-compressed).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_QUERY, EXPLORER_CSS, EXPLORER_JS } from './client.js';

export interface ExplorerUser {
  id: string;
  /** Chinese display label, e.g. "北京市朝阳区人民法院 · 法院工作人员". */
  label: string;
}

export interface ExplorerOptions {
  /** Same-origin path of the GraphQL endpoint, e.g. `/graphql`. */
  graphqlPath: string;
  /** Same-origin path that mints demo tokens: POST `{"userId"}` → `{"token"}`. */
  tokenPath?: string;
  users: ExplorerUser[];
}

export type ExplorerHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export const EXPLORER_PATH = '/explorer';
const ASSET_PREFIX = `${EXPLORER_PATH}/assets/`;
const PAGE_TITLE = '值班律师联邦图谱 · GraphQL 调试台';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface AssetSource {
  contentType: string;
  cacheControl: string;
  load: () => Promise<Buffer>;
}

interface LoadedAsset {
  contentType: string;
  cacheControl: string;
  etag: string;
  body: Buffer;
  gzip: Buffer | null;
}

const require = createRequire(import.meta.url);

/**
 * Directory and version of an installed package. The UMD files are not
 * listed in these packages' `exports` maps (`require.resolve('graphiql/graphiql.min.js')`
 * throws ERR_PACKAGE_PATH_NOT_EXPORTED), but `<pkg>/package.json` is
 * exported by all three, so resolve that and join the file path onto its
 * directory.
 */
function installedPackage(name: string): { dir: string; version: string } {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = require(manifestPath) as { version?: unknown };
  if (typeof manifest.version !== 'string') {
    throw new Error(`explorer: cannot determine the installed version of ${name}`);
  }
  return { dir: dirname(manifestPath), version: manifest.version };
}

/** Reads a vendor file; strips a trailing sourceMappingURL (the maps are not served). */
function vendorFile(path: string): () => Promise<Buffer> {
  return async () => {
    const text = await readFile(path, 'utf8');
    return Buffer.from(text.replace(/\n\/[/*]# sourceMappingURL=[^\n]*\s*$/, '\n'), 'utf8');
  };
}

function isSameOriginPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !/[\s\\]/.test(path);
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function sha256Base64Url(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('base64url');
}

/**
 * Page CSP. Scripts and styles only from this origin (no inline code, no
 * eval); GraphiQL's bundled fonts are `data:` URLs inside its CSS. The one
 * exception is a per-response style nonce: GraphiQL's dialogs
 * (react-remove-scroll) inject a small `<style>` element for scroll locking
 * and pick up the nonce from `window.__webpack_nonce__`, which explorer.js
 * sets from the `csp-style-nonce` meta tag.
 */
function contentSecurityPolicy(styleNonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function createExplorerHandler(options: ExplorerOptions): ExplorerHandler {
  const { graphqlPath, tokenPath, users } = options;
  if (!isSameOriginPath(graphqlPath)) {
    throw new Error(
      `explorer: graphqlPath must be a same-origin absolute path, got ${JSON.stringify(graphqlPath)}`,
    );
  }
  if (tokenPath !== undefined && !isSameOriginPath(tokenPath)) {
    throw new Error(
      `explorer: tokenPath must be a same-origin absolute path, got ${JSON.stringify(tokenPath)}`,
    );
  }
  const seen = new Set<string>();
  for (const user of users) {
    if (!user.id || seen.has(user.id)) {
      throw new Error(`explorer: user ids must be non-empty and unique, got ${JSON.stringify(user.id)}`);
    }
    seen.add(user.id);
  }

  const react = installedPackage('react');
  const reactDom = installedPackage('react-dom');
  const graphiql = installedPackage('graphiql');

  const sources = new Map<string, AssetSource>([
    [
      `react-${react.version}.production.min.js`,
      {
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: IMMUTABLE,
        load: vendorFile(join(react.dir, 'umd', 'react.production.min.js')),
      },
    ],
    [
      `react-dom-${reactDom.version}.production.min.js`,
      {
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: IMMUTABLE,
        load: vendorFile(join(reactDom.dir, 'umd', 'react-dom.production.min.js')),
      },
    ],
    [
      `graphiql-${graphiql.version}.min.js`,
      {
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: IMMUTABLE,
        load: vendorFile(join(graphiql.dir, 'graphiql.min.js')),
      },
    ],
    [
      `graphiql-${graphiql.version}.min.css`,
      {
        contentType: 'text/css; charset=utf-8',
        cacheControl: IMMUTABLE,
        load: vendorFile(join(graphiql.dir, 'graphiql.min.css')),
      },
    ],
    [
      'explorer.js',
      {
        contentType: 'text/javascript; charset=utf-8',
        cacheControl: REVALIDATE,
        load: async () => Buffer.from(EXPLORER_JS, 'utf8'),
      },
    ],
    [
      'explorer.css',
      {
        contentType: 'text/css; charset=utf-8',
        cacheControl: REVALIDATE,
        load: async () => Buffer.from(EXPLORER_CSS, 'utf8'),
      },
    ],
  ]);

  // name -> in-flight or finished load; a failed load is dropped so it can be retried.
  const cache = new Map<string, Promise<LoadedAsset>>();
  function loadAsset(name: string, source: AssetSource): Promise<LoadedAsset> {
    let loaded = cache.get(name);
    if (!loaded) {
      loaded = source.load().then((body) => {
        const gzip = body.length > 1024 ? gzipSync(body, { level: 9 }) : null;
        return {
          contentType: source.contentType,
          cacheControl: source.cacheControl,
          etag: `"${sha256Base64Url(body).slice(0, 27)}"`,
          body,
          gzip: gzip && gzip.length < body.length ? gzip : null,
        };
      });
      loaded.catch(() => cache.delete(name));
      cache.set(name, loaded);
    }
    return loaded;
  }

  const assetUrl = (name: string) => `${ASSET_PREFIX}${name}`;
  const optionsHtml = [
    '<option value="">匿名（公众）</option>',
    ...users.map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.label)}</option>`),
  ].join('\n          ');
  const tokenHint = tokenPath
    ? ''
    : '\n      <span class="explorer-status">（未配置令牌签发端点，只能匿名访问）</span>';

  const renderPage = (styleNonce: string) => `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <meta name="csp-style-nonce" content="${styleNonce}">
    <title>${escapeHtml(PAGE_TITLE)}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${assetUrl(`graphiql-${graphiql.version}.min.css`)}">
    <link rel="stylesheet" href="${assetUrl('explorer.css')}">
    <script defer src="${assetUrl(`react-${react.version}.production.min.js`)}"></script>
    <script defer src="${assetUrl(`react-dom-${reactDom.version}.production.min.js`)}"></script>
    <script defer src="${assetUrl(`graphiql-${graphiql.version}.min.js`)}"></script>
    <script defer src="${assetUrl('explorer.js')}"></script>
  </head>
  <body>
    <header class="explorer-bar">
      <h1>${escapeHtml(PAGE_TITLE)}</h1>
      <label>演示用户
        <select id="explorer-user" name="user"${tokenPath ? '' : ' disabled'}>
          ${optionsHtml}
        </select>
      </label>${tokenHint}
      <span id="explorer-status" class="explorer-status" role="status">当前用户：匿名（公众）</span>
      <span id="explorer-error" class="explorer-error" role="alert" hidden></span>
    </header>
    <main id="graphiql" data-graphql-path="${escapeHtml(graphqlPath)}" data-token-path="${escapeHtml(tokenPath ?? '')}" data-default-query="${escapeHtml(DEFAULT_QUERY)}">
      <p class="explorer-loading">正在加载 GraphQL 调试台…</p>
      <noscript><p class="explorer-loading">调试台需要启用 JavaScript。</p></noscript>
    </main>
  </body>
</html>
`;

  function sendPage(req: IncomingMessage, res: ServerResponse): void {
    const styleNonce = randomBytes(16).toString('base64');
    const body = Buffer.from(renderPage(styleNonce), 'utf8');
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(styleNonce));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function sendAsset(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const source = sources.get(name);
    if (!source) {
      sendText(res, 404, '未找到该资源。');
      return;
    }
    let asset: LoadedAsset;
    try {
      asset = await loadAsset(name, source);
    } catch {
      sendText(res, 500, '资源读取失败。');
      return;
    }
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('Cache-Control', asset.cacheControl);
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (etagMatches(req.headers['if-none-match'], asset.etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const useGzip = asset.gzip !== null && acceptsGzip(req.headers['accept-encoding']);
    const body = useGzip && asset.gzip ? asset.gzip : asset.body;
    if (useGzip) res.setHeader('Content-Encoding', 'gzip');
    res.statusCode = 200;
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return async (req, res) => {
    const path = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (path !== EXPLORER_PATH && !path.startsWith(`${EXPLORER_PATH}/`)) return false;

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, '只支持 GET 请求。');
      return true;
    }
    if (path === EXPLORER_PATH || path === `${EXPLORER_PATH}/`) {
      sendPage(req, res);
      return true;
    }
    if (path.startsWith(ASSET_PREFIX)) {
      await sendAsset(req, res, path.slice(ASSET_PREFIX.length));
      return true;
    }
    sendText(res, 404, '未找到该页面。');
    return true;
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(body);
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

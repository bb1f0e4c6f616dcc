/**
 * Browser-side code for the self-hosted GraphiQL explorer, kept as plain
 * strings and served by `./index.ts` as `/explorer/assets/explorer.js` and
 * `/explorer/assets/explorer.css`.
 *
 * The page's Content-Security-Policy forbids inline scripts and styles, so
 * everything the page needs lives in these two same-origin assets. The script
 * is deliberately plain ES2020 (no modules, no build step) and only touches
 * the UMD globals `React`, `ReactDOM` and `GraphiQL`, which the page loads
 * just before it with `defer` (deferred scripts run in document order).
 *
 * Configuration reaches the script through `data-*` attributes on
 * `#graphiql` (rendered and HTML-escaped by the server), never through
 * inline JSON, so no script hash/nonce is needed.
 *
 * NB: this is a template literal. Do not use backticks or `${` inside it.
 */

/** Default query shown in the editor on first visit (GraphiQL persists later edits). */
export const DEFAULT_QUERY = [
  '# 选择上方的演示用户，然后点击运行。',
  '# 令牌自动放入 Authorization 请求头，',
  '# 超过 10 分钟或收到 401 时自动重新获取；',
  '# 选择“匿名（公众）”则不携带令牌。',
  '',
  '# 跨机关概览（操作名须为 ASCII，故用 Overview）',
  'query Overview {',
  '  workstations(first: 5) {',
  '    edges {',
  '      node {',
  '        name',
  '        host {',
  '          __typename',
  '          ... on Court { name }',
  '          ... on Procuratorate { name }',
  '          ... on DetentionCenter { name }',
  '        }',
  '        agency { name }',
  '      }',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

export const EXPLORER_JS = `(function () {
  'use strict';

  var STORAGE_KEY = 'duty-explorer:userId';
  var TOKEN_MAX_AGE_MS = 10 * 60 * 1000;

  var root = document.getElementById('graphiql');
  var select = document.getElementById('explorer-user');
  var statusLine = document.getElementById('explorer-status');
  var errorLine = document.getElementById('explorer-error');

  function showError(message) {
    if (!errorLine) return;
    errorLine.textContent = message || '';
    errorLine.hidden = !message;
  }

  if (!root || !select) return;
  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    showError('调试台脚本加载失败（React / ReactDOM / GraphiQL 未就绪），请刷新页面或联系管理员。');
    return;
  }

  // GraphiQL's dialogs inject a scroll-lock <style> element; the bundled
  // get-nonce helper reads window.__webpack_nonce__ so it passes the CSP.
  var nonceMeta = document.querySelector('meta[name="csp-style-nonce"]');
  if (nonceMeta && nonceMeta.content) window.__webpack_nonce__ = nonceMeta.content;

  var React = window.React;
  var ReactDOM = window.ReactDOM;
  var GraphiQL = window.GraphiQL;

  var graphqlPath = root.getAttribute('data-graphql-path') || '/graphql';
  var tokenPath = root.getAttribute('data-token-path') || '';
  var defaultQuery = root.getAttribute('data-default-query') || '';

  var state = {
    userId: '',
    token: null,
    tokenUserId: '',
    mintedAt: 0,
    pending: null,
    pendingUserId: '',
    minting: false
  };

  function storageGet() {
    try { return window.localStorage.getItem(STORAGE_KEY) || ''; } catch (e) { return ''; }
  }
  function storageSet(value) {
    try {
      if (value) window.localStorage.setItem(STORAGE_KEY, value);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) { /* storage unavailable (private mode / policy): ignore */ }
  }

  function userLabel(userId) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === userId) return select.options[i].textContent;
    }
    return userId;
  }

  function formatTime(ms) {
    var d = new Date(ms);
    function pad(n) { return n < 10 ? '0' + n : String(n); }
    return pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  function renderStatus() {
    if (!statusLine) return;
    if (!state.userId) {
      statusLine.textContent = '当前用户：匿名（公众）· 不携带令牌';
      return;
    }
    var text = '当前用户：' + userLabel(state.userId);
    if (state.minting) text += ' · 正在获取令牌…';
    else if (state.token && state.tokenUserId === state.userId) {
      text += ' · 令牌获取于 ' + formatTime(state.mintedAt);
    }
    statusLine.textContent = text;
  }

  async function requestToken(userId) {
    var res;
    try {
      res = await fetch(tokenPath, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ userId: userId })
      });
    } catch (e) {
      throw new Error('令牌获取失败：无法连接令牌服务（' + (e && e.message ? e.message : e) + '）');
    }
    var body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      var detail = body && (body.message || body.error);
      throw new Error('令牌获取失败：HTTP ' + res.status + (detail ? '（' + String(detail) + '）' : ''));
    }
    if (!body || typeof body.token !== 'string' || !body.token) {
      throw new Error('令牌获取失败：响应中缺少 token 字段');
    }
    return body.token;
  }

  // Returns a fresh token for the selected user, or null for the anonymous
  // user. Concurrent callers share one in-flight request.
  function getToken() {
    var userId = state.userId;
    if (!userId || !tokenPath) return Promise.resolve(null);
    if (state.token && state.tokenUserId === userId && Date.now() - state.mintedAt < TOKEN_MAX_AGE_MS) {
      return Promise.resolve(state.token);
    }
    if (state.pending && state.pendingUserId === userId) return state.pending;

    var startedAt = Date.now();
    state.minting = true;
    renderStatus();
    var pending = requestToken(userId).then(function (token) {
      if (state.userId === userId) {
        state.token = token;
        state.tokenUserId = userId;
        state.mintedAt = startedAt; // age counted from the request, to stay on the safe side
        showError('');
      }
      return token;
    }, function (err) {
      if (state.userId === userId) showError(err.message);
      throw err;
    }).finally(function () {
      if (state.pending === pending) {
        state.pending = null;
        state.minting = false;
        renderStatus();
      }
    });
    state.pending = pending;
    state.pendingUserId = userId;
    return pending;
  }

  function withAuthorization(init, token) {
    var headers = new Headers(init.headers || undefined);
    if (token) headers.set('authorization', 'Bearer ' + token);
    return Object.assign({}, init, { headers: headers });
  }

  // fetch() replacement handed to GraphiQL.createFetcher: adds the bearer
  // token and retries once with a new token when the gateway answers 401.
  async function authorizedFetch(input, init) {
    init = init || {};
    // An Authorization header typed into GraphiQL's header editor wins.
    if (new Headers(init.headers || undefined).has('authorization')) return fetch(input, init);
    var token;
    try {
      token = await getToken();
    } catch (err) {
      // Show the Chinese message in the result pane as a GraphQL error
      // instead of a raw JS exception with a stack trace.
      return new Response(JSON.stringify({ errors: [{ message: err.message }] }), {
        status: 401,
        headers: { 'content-type': 'application/json; charset=utf-8' }
      });
    }
    var res = await fetch(input, withAuthorization(init, token));
    if (res.status === 401 && token && state.userId) {
      if (state.token === token) state.token = null;
      token = await getToken();
      res = await fetch(input, withAuthorization(init, token));
    }
    return res;
  }

  var reactRoot = ReactDOM.createRoot(root);

  function render() {
    // A new fetcher per user makes GraphiQL re-run introspection with the
    // new identity (the visible schema may depend on the caller).
    var fetcher = GraphiQL.createFetcher({ url: graphqlPath, fetch: authorizedFetch });
    reactRoot.render(
      React.createElement(
        GraphiQL,
        {
          fetcher: fetcher,
          defaultQuery: defaultQuery,
          defaultEditorToolsVisibility: false,
          isHeadersEditorEnabled: true,
          shouldPersistHeaders: false
        },
        React.createElement(GraphiQL.Logo, null, '值班律师联邦图谱')
      )
    );
  }

  function selectUser(userId) {
    state.userId = userId;
    state.token = null;
    state.tokenUserId = '';
    state.mintedAt = 0;
    state.minting = false;
    state.pending = null;
    storageSet(userId);
    showError('');
    renderStatus();
    // Mint eagerly so a failure shows up right away, not only on "run".
    if (userId && tokenPath) getToken().catch(function () { /* shown in the error line */ });
    render();
  }

  var saved = storageGet();
  var known = false;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === saved && !select.options[i].disabled) known = true;
  }
  if (!tokenPath || !known) saved = '';
  select.value = saved;
  select.addEventListener('change', function () { selectUser(select.value); });
  selectUser(saved);
})();
`;

export const EXPLORER_CSS = `html, body {
  height: 100%;
  margin: 0;
}
body {
  display: flex;
  flex-direction: column;
  font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
}
.explorer-bar {
  display: flex;
  flex: none;
  flex-wrap: wrap;
  align-items: center;
  gap: 8px 16px;
  padding: 8px 16px;
  background: #15325b;
  color: #fff;
  font-size: 14px;
}
.explorer-bar h1 {
  margin: 0 8px 0 0;
  font-size: 16px;
  font-weight: 600;
}
.explorer-bar label {
  display: flex;
  align-items: center;
  gap: 6px;
}
.explorer-bar select {
  min-width: 18em;
  max-width: 100%;
  padding: 3px 6px;
  font: inherit;
  color: #111;
  border-radius: 4px;
  border: 1px solid #8aa0c0;
}
.explorer-status {
  opacity: 0.9;
}
.explorer-error {
  color: #ffd2cc;
  font-weight: 600;
}
.explorer-error[hidden] {
  display: none;
}
#graphiql {
  flex: 1 1 auto;
  min-height: 0;
}
.explorer-loading {
  padding: 24px;
  color: #555;
}
`;

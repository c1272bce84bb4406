import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json', '.webmanifest': 'application/manifest+json',
};

/**
 * Serves a built dist/ directory on a free localhost port; resolves with its origin, the site's URL
 * and a close(). With `prefix` (e.g. '/some/sub/path/') the site is served only under that sub-path,
 * as a static host would serve a copied dist/ folder; `headers` are sent with every file.
 */
export async function serveStatic(root, { prefix = '/', headers = {} } = {}) {
  const base = resolve(root);
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(prefix)) throw new Error('outside the site');
      let path = normalize(join(base, decodeURIComponent(url.pathname.slice(prefix.length - 1))));
      if (!path.startsWith(base)) { res.writeHead(403).end(); return; }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  let closed = null;
  return {
    origin,
    url: origin + prefix,
    /** Stops listening and drops open keep-alive connections, so the site is really gone. */
    close: () => (closed ??= new Promise((ok) => {
      server.close(ok);
      for (const s of sockets) s.destroy();
    })),
  };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { RequestHandler } from 'express';
import type { RouteScope } from '../shared/routes/index.js';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Everything the page may load comes from this origin (the dashboard is bundled; sign-in is
 * a navigation to Telegram, not a script); Telegram's web client may frame it as a Mini App.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self' https://web.telegram.org",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** Where `make build` puts the dashboard: dist/web-ui beside dist/internal when built, or under the repository when run from source. */
export function defaultDashboardDir(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const candidate of [join(here, '../../web-ui'), join(here, '../../dist/web-ui')]) if (existsSync(join(candidate, 'index.html'))) return candidate;
  return undefined;
}

/** The built files, read once at start and compressed once: a page load costs no disk read and no gzip. */
function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (path: string, file: string) => {
    const body = readFileSync(file);
    assets.set(path, { body, gzip: gzipSync(body, { level: 9 }), type: TYPES[extname(file)] ?? 'application/octet-stream' });
  };
  add('/', join(dir, 'index.html'));
  const assetDir = join(dir, 'assets');
  if (existsSync(assetDir)) for (const name of readdirSync(assetDir)) add(`/assets/${name}`, join(assetDir, name));
  return assets;
}

function serve(asset: Asset, cacheControl: string): RequestHandler {
  return (req, res) => {
    res.setHeader('content-type', asset.type);
    res.setHeader('cache-control', cacheControl);
    res.setHeader('vary', 'accept-encoding');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    if (asset.type.startsWith('text/html')) res.setHeader('content-security-policy', DASHBOARD_CSP);
    const gzip = /\bgzip\b/.test(req.get('accept-encoding') ?? '');
    if (gzip) res.setHeader('content-encoding', 'gzip');
    res.status(200).end(gzip ? asset.gzip : asset.body);
  };
}

/**
 * The dashboard at `/`: index.html is never cached (it names the current assets), and the
 * assets, whose names carry a content hash, are cached for a year. Without a build, `/`
 * says how to make one.
 */
export function dashboardRoutes(t: RouteScope, dir: string | undefined): void {
  const assets = dir ? loadAssets(dir) : new Map<string, Asset>();
  const base = { auth: 'none' as const, tag: 'dashboard', hidden: true };
  const index = assets.get('/');
  t.raw(
    { ...base, method: 'get', path: '/', operationId: 'getDashboard', summary: 'The dashboard' },
    index ? serve(index, 'no-cache') : (_req, res) => void res.status(503).type('text/plain').send('The dashboard is not built: run `make build`.\n'),
  );
  t.raw({ ...base, method: 'get', path: '/assets/*', operationId: 'getDashboardAsset', summary: 'Dashboard files' }, (req, res, next) => {
    const asset = assets.get(req.path);
    if (!asset) return next();
    serve(asset, 'public, max-age=31536000, immutable')(req, res, next);
  });
}

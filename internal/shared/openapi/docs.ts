import express, { type RequestHandler } from 'express';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Swagger UI's options. Every request the page makes stays on its origin: opened from any
 * host but localhost, Swagger UI would otherwise send the document to validator.swagger.io
 * for its badge (a leak from a private cluster, and a request an air-gapped one waits on).
 */
export function swaggerConfig(specUrl: string): Record<string, unknown> {
  return { url: specUrl, dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null };
}

export interface DocsPages {
  page: RequestHandler;
  init: RequestHandler;
  assets: RequestHandler;
}

/**
 * Swagger UI at /docs from the swagger-ui-dist npm package (no CDN: the docs must work in
 * air-gapped clusters), pointed at the service's own /openapi.json. The handlers are
 * declared as routes (ops.routes.ts); `assets` serves the `*` of `/docs/assets/*`.
 */
export function docsPages(specUrl: string, title: string): DocsPages {
  // The package's index requires its whole browser bundle into Node (megabytes of heap);
  // absolute-path.js only says where the files are. budget: api-rss (docs/budgets.md)
  const dir = (require('swagger-ui-dist/absolute-path.js') as () => string)();
  const files = express.static(dir, { index: false, maxAge: '1h', fallthrough: true });
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
  const init = `window.ui = SwaggerUIBundle(${JSON.stringify(swaggerConfig(specUrl))});`;
  return {
    page: (_req, res) => void res.type('html').send(page),
    init: (_req, res) => void res.type('application/javascript').send(init),
    assets: (req, res, next) => {
      // serve-static reads the file name from the URL: give it the part after /docs/assets/.
      const star: unknown = req.params['*'];
      const file = typeof star === 'string' ? star : '';
      req.url = `/${file}`;
      files(req, res, next);
    },
  };
}

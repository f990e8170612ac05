import express, { Router } from 'express';
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

/**
 * Swagger UI at /docs from the swagger-ui-dist npm package (no CDN: the dashboard and
 * the docs must work in air-gapped clusters), pointed at our /openapi.json. Mount at /docs.
 */
export function docsRouter(specUrl: string): Router {
  // The package's index requires its whole browser bundle into Node (megabytes of heap);
  // absolute-path.js only says where the files are.
  const assets = (require('swagger-ui-dist/absolute-path.js') as () => string)();
  const router = Router();
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>botplatform api</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
  const init = `window.ui = SwaggerUIBundle(${JSON.stringify(swaggerConfig(specUrl))});`;
  router.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').send(init);
  });
  router.use('/assets', express.static(assets, { index: false, maxAge: '1h' }));
  return router;
}

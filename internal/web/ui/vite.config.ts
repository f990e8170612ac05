import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard: built at `make build` into dist/web-ui, served by web at `/`. Everything is
// bundled (no CDN, nothing fetched from another origin); asset names carry a content hash.
const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../../dist/web-ui', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
});

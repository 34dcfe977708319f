import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.LINKPULSE_API ?? 'http://localhost:3000';

/**
 * The dev and preview servers forward everything that is not the dashboard to the API:
 * the JSON API, public profile pages (`/@username`), short links (`/{slug}`), health and metrics.
 * Vite's own module paths live under the base (`/app/@vite/...`), so `/@...` at the root is free.
 */
const proxy = {
  '/api': { target: api, changeOrigin: false },
  '^/@[a-z0-9_]+': { target: api, changeOrigin: false },
  '^/(health|metrics)$': { target: api, changeOrigin: false },
  // short links: one path segment of slug characters, outside /app
  '^/(?!app(?:/|$))[A-Za-z0-9_-]{1,64}(?:\\?.*)?$': { target: api, changeOrigin: false },
};

export default defineConfig({
  root,
  base: '/app/',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // keep the CSP strict: no inline module preload polyfill script
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 200,
  },
  server: { port: 5173, strictPort: false, proxy },
  preview: { port: 4173, strictPort: false, proxy },
});

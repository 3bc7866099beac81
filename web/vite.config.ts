// Vite build of the web UI: web/ → web/dist/, served by the API server at `/`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npx vite web` during development: the API comes from a running `liqmap serve`.
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by apps/server at /console/ (see apps/server/src/http/static.ts). The server's CSP allows
// only same-origin scripts, so nothing may be inlined into index.html.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * zmp-ui's stylesheet loads its icon font from Zalo's CDN. We draw our own SVG icons, and the server's CSP
 * (font-src 'self' data:) blocks remote fonts, so the build drops that @font-face instead of logging CSP errors.
 */
function dropRemoteFontFaces(): Plugin {
  return {
    name: 'dltt:drop-remote-font-faces',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/zmp-ui/') || !id.split('?')[0]?.endsWith('.css')) return null;
      return { code: code.replace(/@font-face\s*{[^}]*url\(\s*["']?https?:[^}]*}/g, ''), map: null };
    },
  };
}

/**
 * Where the build runs decides the platform adapter behind `@platform-impl` (see src/platform/index.ts).
 * Web build: web.ts. The Zalo build (later: `vite build --mode zalo` with zmp-vite-plugin) swaps this one line
 * to zalo.ts; the web bundle therefore never contains zmp-sdk.
 */
export default defineConfig(({ mode }) => ({
  plugins: [react(), dropRemoteFontFaces()],
  resolve: {
    alias: {
      '@platform-impl': mode === 'zalo' ? '/src/platform/zalo.ts' : '/src/platform/web.ts',
    },
  },
  // `npm run dev`: the API is the server's (npm run dev at the root, port 3000 by default).
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser we target supports <link rel=modulepreload>; the polyfill would be dead weight.
    modulePreload: { polyfill: false },
  },
}));

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import zaloMiniApp from 'zmp-vite-plugin';

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
 * The mini app's settings for Zalo (title, header colours...). Read here rather than by the plugin itself, which
 * looks in the working directory: `npm run build:zalo` then works from the repo root and from apps/citizen.
 */
function appConfig(): Parameters<typeof zaloMiniApp>[0] {
  return JSON.parse(readFileSync(fileURLToPath(new URL('./app-config.json', import.meta.url)), 'utf8'));
}

/**
 * Where the build runs decides the platform adapter behind `@platform-impl` (see src/platform/index.ts).
 * Web build (`vite build`): web.ts, output in dist/ (served by the server). Zalo build (`vite build --mode zalo`):
 * zalo.ts plus zmp-vite-plugin, output in www/ with the app-config.json that `zmp deploy` uploads. Only the
 * aliased file is bundled, so the web bundle never contains zmp-sdk (bench/size.ts checks it).
 */
export default defineConfig(({ mode }) => {
  const zalo = mode === 'zalo';
  if (zalo && !loadEnv(mode, fileURLToPath(new URL('.', import.meta.url)), 'VITE_').VITE_API_ORIGIN) {
    console.warn(
      'VITE_API_ORIGIN is not set: this www/ calls /api/v1 on its own host. Fine for tests on localhost; ' +
        'a build for Zalo must name the API server (docs/ZALO.md).',
    );
  }
  return {
    plugins: [react(), dropRemoteFontFaces(), ...(zalo ? [zaloMiniApp(appConfig())] : [])],
    resolve: {
      alias: {
        '@platform-impl': zalo ? '/src/platform/zalo.ts' : '/src/platform/web.ts',
      },
    },
    // `npm run dev`: the API is the server's (npm run dev at the root, port 3000 by default).
    server: { proxy: { '/api': 'http://localhost:3000' } },
    build: {
      outDir: zalo ? 'www' : 'dist',
      emptyOutDir: true,
      // Every browser we target supports <link rel=modulepreload>; the polyfill would be dead weight.
      modulePreload: { polyfill: false },
    },
  };
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import zaloMiniApp from 'zmp-vite-plugin';
import { serverOwnedPathPatterns } from '../../packages/contracts/src/server-paths.ts';

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

/** Brotli at its maximum quality and gzip at level 9: paid once at build time, saved on every download. */
const PRECOMPRESSED = [
  defineAlgorithm('brotliCompress', {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY },
  }),
  defineAlgorithm('gzip', { level: zlibConstants.Z_BEST_COMPRESSION }),
];

/**
 * The web build's service worker (Workbox, generated): it keeps the app shell on the phone, so a second visit
 * costs almost nothing and the app opens without network (docs/DECISIONS.md, "The web app keeps itself on the
 * phone with a generated Workbox service worker").
 */
function offlineShell() {
  return VitePWA({
    strategies: 'generateSW',
    // Registered by the web adapter (src/platform/service-worker.ts) after the page has loaded, without
    // workbox-window: nothing here reloads a page someone is typing in.
    injectRegister: false,
    registerType: 'autoUpdate',
    manifest: false,
    workbox: {
      // The shell and every page's code: a page not yet opened still opens offline. The .br/.gz copies
      // (vite-plugin-compression2) are the same files for the server to send; the worker fetches each file once,
      // compressed on the wire, and stores it plain.
      globPatterns: ['**/*.{js,css,html,svg,woff2}'],
      globIgnores: ['**/*.br', '**/*.gz'],
      // A new version takes over as soon as it has installed; the page open now keeps the code it runs, and the
      // next visit opens the new one (see reloadOnceForNewVersion in src/platform/service-worker.ts for the chunk
      // a new version removed).
      skipWaiting: true,
      clientsClaim: true,
      cleanupOutdatedCaches: true,
      navigateFallback: '/index.html',
      // As the server's own fallback (apps/server/src/http/static.ts): not its paths, and not a file (a name with
      // an extension, such as /sw.js opened in the address bar).
      navigateFallbackDenylist: [...serverOwnedPathPatterns(), /\/[^/?#]+\.\w+(?:[?#]|$)/],
      runtimeCaching: [
        {
          // Public answers that the pages read and that may be shown from the phone's copy when the network is
          // gone: the site settings, categories, communes, centres, public reports. Everything else under /api
          // goes to the network only: a citizen's own answers (/me/..., sent with a bearer token), live queue
          // numbers and free slots, event streams, photos, and every write. (Workbox copies this function's text
          // into the worker: it can use nothing from this file.)
          urlPattern: ({ url, request, sameOrigin }) =>
            sameOrigin &&
            !request.headers.has('authorization') &&
            /^\/api\/v1\/(?:config|categories|communes|centres|public\/reports(?:\/[^/]+)?)$/.test(
              url.pathname,
            ),
          handler: 'NetworkFirst',
          options: {
            cacheName: 'api-public',
            // Past this, a slow network shows the last answer seen rather than a spinner.
            networkTimeoutSeconds: 4,
            expiration: { maxEntries: 60, maxAgeSeconds: 7 * 24 * 3600 },
            cacheableResponse: { statuses: [200] },
          },
        },
      ],
    },
  });
}

/** React's entry points, served by preact/compat (exact names: `react-dom` must not catch `react-dom/client`). */
const PREACT_FOR_REACT = {
  'react-dom/test-utils': 'preact/test-utils',
  'react-dom/client': 'preact/compat/client',
  'react-dom': 'preact/compat',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-dev-runtime',
  react: 'preact/compat',
};

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
    // The web build ships .br and .gz beside each text asset (the server sends them as they are, see
    // apps/server/src/http/static.ts) and a service worker. Not the Zalo build: Zalo serves and keeps the package
    // itself, the extra files would only make the upload bigger, and a worker has no place inside Zalo.
    plugins: [
      react(),
      dropRemoteFontFaces(),
      ...(zalo ? [zaloMiniApp(appConfig())] : [compression({ algorithms: PRECOMPRESSED }), offlineShell()]),
    ],
    resolve: {
      alias: {
        '@platform-impl': zalo ? '/src/platform/zalo.ts' : '/src/platform/web.ts',
        // The web build renders with Preact through its React compatibility layer: the same components, a tenth
        // of react-dom's bytes (about 35 kB less on a first visit, docs/DECISIONS.md). The Zalo build keeps React,
        // the runtime zmp-ui is made and tested for (Zalo ships the package; a download is paid once).
        ...(zalo ? {} : PREACT_FOR_REACT),
      },
    },
    // `npm run dev`: the API is the server's (npm run dev at the root, port 3000 by default).
    server: { proxy: { '/api': 'http://localhost:3000' } },
    build: {
      outDir: zalo ? 'www' : 'dist',
      emptyOutDir: true,
      // Every browser we target supports <link rel=modulepreload>; the polyfill would be dead weight.
      modulePreload: { polyfill: false },
      // Leaflet's stylesheet names pictures our maps never show (its default marker and layer switch: our pins
      // are SVG): left as files that nothing fetches, rather than inlined into the CSS every map page loads.
      assetsInlineLimit: (file: string) => (file.includes('/node_modules/leaflet/') ? false : undefined),
      // Chunks under 1 kB merge into others (never changing what runs when a page loads): the small helpers several
      // features share (src/lib) would otherwise each make a chunk per combination of pages using them, each
      // paying a request, gzip's overhead and a line in every lazy page's preload list (docs/DECISIONS.md).
      rollupOptions: { output: { experimentalMinChunkSize: 1000 } },
    },
  };
});

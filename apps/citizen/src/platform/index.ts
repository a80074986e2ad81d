/**
 * The platform adapter: the only door to what depends on where the app runs (web browser or Zalo).
 *
 * `@platform-impl` is an alias set in vite.config.ts (mirrored in tsconfig.json for type checking): `./web.ts`
 * in the web build; the Zalo build (`--mode zalo`) points it at `./zalo.ts`, which exports the same names. Code
 * outside this folder imports from here only, never from web.ts or zalo.ts.
 *
 * `RUNTIME` is `platform.runtime` as a build-time constant: UI that exists in one runtime only is written
 * `RUNTIME === 'zalo' && …`, and the bundler leaves it (and what only it imports) out of the other build.
 */
export { AppRouter, AppRoutes, keepAppOnDevice, platform, RUNTIME, setCitizenPost } from '@platform-impl';
export * from './types.ts';

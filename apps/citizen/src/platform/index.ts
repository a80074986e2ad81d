/**
 * The platform adapter: the only door to what depends on where the app runs (web browser or Zalo).
 *
 * `@platform-impl` is an alias set in vite.config.ts (mirrored in tsconfig.json for type checking): `./web.ts`
 * in the web build; the Zalo build will point it at `./zalo.ts`, which exports the same three names. Code outside
 * this folder imports from here only, never from web.ts or zalo.ts.
 */
export { AppRouter, AppRoutes, platform } from '@platform-impl';
export * from './types.ts';

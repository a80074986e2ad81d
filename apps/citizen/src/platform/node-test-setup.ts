/// <reference types="node" />
/**
 * For unit tests that Node runs (`node --test`) on code that reaches the platform adapter: `@platform-impl`
 * resolves to the web adapter (web.ts), as vite.config.ts does for the web build, and Node gets a stand-in of
 * the one browser API the adapter's storage uses, window.localStorage. Nothing of ours is replaced.
 *
 * Call {@link setUpWebPlatform} first, then load the code under test with `await import(...)`: static imports are
 * resolved before any line of the test runs.
 */
import { registerHooks } from 'node:module';

/** window.localStorage as a browser keeps it: strings by key. `failing` makes every call throw (storage off). */
export class StorageStandIn implements Storage {
  readonly #items = new Map<string, string>();
  failing = false;

  get length(): number {
    return this.#items.size;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    this.#check();
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#check();
    this.#items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.#check();
    this.#items.delete(key);
  }
  clear(): void {
    this.#items.clear();
  }
  #check() {
    if (this.failing) throw new DOMException('The operation is insecure.', 'SecurityError');
  }
}

let storage: StorageStandIn | null = null;

/** Resolves `@platform-impl` to web.ts and installs the localStorage stand-in (once); returns the stand-in. */
export function setUpWebPlatform(): StorageStandIn {
  if (storage) return storage;
  const webAdapter = new URL('./web.ts', import.meta.url).href;
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      nextResolve(specifier === '@platform-impl' ? webAdapter : specifier, context),
  });
  storage = new StorageStandIn();
  Object.assign(globalThis, { window: { localStorage: storage } });
  return storage;
}

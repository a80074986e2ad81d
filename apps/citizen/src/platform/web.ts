/**
 * The plain mobile web implementation of the platform adapter. The Zalo one (zalo.ts) wraps zmp-sdk;
 * this file must never import it, so the web bundle stays free of the SDK.
 */
import { createElement } from 'react';
import { BrowserRouter, Routes } from 'react-router-dom';
import {
  type CitizenPost,
  type Identity,
  LocationError,
  type LocationOptions,
  type PhoneResult,
  type PickImagesOptions,
  type Platform,
  type PlatformRouter,
  type PlatformRoutes,
  type PlatformStorage,
  type Position,
  type Runtime,
  type ShareData,
  type ShareOutcome,
  type SignInCredential,
} from './types.ts';
import { newUuid } from './uuid.ts';

const STORAGE_PREFIX = 'dltt:';
const DEVICE_ID_KEY = 'device-id';

/** localStorage can throw (disabled storage, private mode, quota); keep working in memory then. */
function createStorage(): PlatformStorage {
  const memory = new Map<string, string>();
  const read = (key: string): string | null => {
    try {
      return window.localStorage.getItem(STORAGE_PREFIX + key);
    } catch {
      return memory.get(key) ?? null;
    }
  };
  return {
    async getItem<T>(key: string): Promise<T | null> {
      const raw = read(key) ?? memory.get(key) ?? null;
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return null;
      }
    },
    async setItem<T>(key: string, value: T): Promise<void> {
      const raw = JSON.stringify(value);
      memory.set(key, raw);
      try {
        window.localStorage.setItem(STORAGE_PREFIX + key, raw);
      } catch {
        // The in-memory copy keeps the value for this visit.
      }
    },
    async removeItem(key: string): Promise<void> {
      memory.delete(key);
      try {
        window.localStorage.removeItem(STORAGE_PREFIX + key);
      } catch {
        // Nothing stored then.
      }
    },
  };
}

const storage = createStorage();

let identity: Promise<Identity> | undefined;

function getIdentity(): Promise<Identity> {
  identity ??= (async () => {
    let id = await storage.getItem<string>(DEVICE_ID_KEY);
    if (typeof id !== 'string' || id.length === 0) {
      id = newUuid();
      await storage.setItem(DEVICE_ID_KEY, id);
    }
    return { kind: 'device', id };
  })();
  return identity;
}

function getLocation(options?: LocationOptions): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new LocationError('unavailable', 'Geolocation API missing'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) => {
        const reason =
          e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable';
        reject(new LocationError(reason, e.message));
      },
      {
        enableHighAccuracy: true,
        timeout: options?.timeoutMs ?? 20_000,
        maximumAge: options?.fresh ? 0 : 60_000,
      },
    );
  });
}

function pickImages({ max, camera = true }: PickImagesOptions): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.multiple = max > 1;
    if (camera) input.setAttribute('capture', 'environment');
    input.hidden = true;
    input.setAttribute('aria-hidden', 'true');
    input.tabIndex = -1;
    const finish = (files: File[]) => {
      input.remove();
      resolve(files.slice(0, Math.max(0, max)));
    };
    input.addEventListener('change', () => finish(Array.from(input.files ?? [])), { once: true });
    // Fired when the picker is closed without a choice (Chrome 113+, Safari 16.4+); older browsers simply
    // never settle, which costs one detached input.
    input.addEventListener('cancel', () => finish([]), { once: true });
    // Some mobile browsers only open pickers for inputs that are in the document.
    document.body.append(input);
    input.click();
  });
}

async function openExternal(url: string): Promise<void> {
  const parsed = new URL(url, window.location.href);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Refusing to open ${parsed.protocol} URL`);
  }
  window.open(parsed.href, '_blank', 'noopener,noreferrer');
}

async function share(data: ShareData): Promise<ShareOutcome> {
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share(data);
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      // Not allowed here (e.g. no user gesture): fall through to copying the link.
    }
  }
  try {
    await navigator.clipboard.writeText(data.url);
    return 'copied';
  } catch {
    return 'failed';
  }
}

async function saveFile(file: Blob, fileName: string): Promise<void> {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; give slow browsers a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function vibrate(pattern: number | number[]): void {
  try {
    // Missing on iOS Safari and desktops; may throw where a permissions policy forbids it.
    if (typeof navigator.vibrate === 'function') navigator.vibrate(pattern);
  } catch {
    // The page shows the change anyway.
  }
}

/** Where this build runs, as a constant: the bundler drops code meant for the other runtime. */
export const RUNTIME: Runtime = 'web';

export const platform: Platform = {
  runtime: RUNTIME,
  getIdentity,
  getLocation,
  pickImages,
  storage,
  openExternal,
  share,
  saveFile,
  vibrate,
  // The web has no verified identity, phone or messaging channel: the anonymous device, manual entry, in-app.
  getSignInCredential: async (): Promise<SignInCredential> => ({ kind: 'device' }),
  getPhone: async (): Promise<PhoneResult> => ({ refused: 'unavailable' }),
  requestNotificationConsent: async () => ({ granted: false }),
  linkTo: (path) => new URL(path, window.location.origin).href,
};

// v7 flags: opt in now so react-router does not warn, and the upgrade changes nothing.
const future = { v7_startTransition: true, v7_relativeSplatPath: true } as const;

export const AppRouter: PlatformRouter = ({ children }) => createElement(BrowserRouter, { future }, children);

export const AppRoutes: PlatformRoutes = Routes;

/** Nothing to take: the web trades no Zalo tokens (see CitizenPost). */
export function setCitizenPost(_post: CitizenPost): void {}

export { keepAppOnDevice } from './service-worker.ts';

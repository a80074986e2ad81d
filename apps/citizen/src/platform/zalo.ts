/**
 * The Zalo Mini App implementation of the platform adapter: the only file that imports zmp-sdk (the web build
 * bundles web.ts instead, see vite.config.ts). Zalo hands the app one-time tokens, never the person's data:
 * the phone number and the position are read by our server from Zalo (POST /citizen/zalo/phone|location),
 * which alone holds the app secret.
 */
import { createElement } from 'react';
import {
  chooseImage,
  downloadFile,
  followOA,
  getAccessToken,
  getPhoneNumber,
  getStorage,
  getUserID,
  getUserInfo,
  nativeStorage,
  openOutApp,
  openShareSheet,
  openWebview,
  removeStorage,
  requestSendNotification,
  setStorage,
  getLocation as zaloGetLocation,
  vibrate as zaloVibrate,
} from 'zmp-sdk/apis';
import { AnimationRoutes, ZMPRouter } from 'zmp-ui';
// Page transitions of AnimationRoutes (the web build has no use for them).
import 'zmp-ui/router/styles/router.css';
import {
  type CitizenPost,
  type Identity,
  LocationError,
  type LocationOptions,
  type NotificationConsent,
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

/** The Official Account whose messages the notification opt-in asks for (build-time, optional). */
const OA_ID: string | undefined = import.meta.env.VITE_ZALO_OA_ID || undefined;

/**
 * zmp-sdk rejects with `{ code, message }` (its AppError); these codes mean the person said no or closed it
 * (-1401: the person denied the permission the API needs).
 */
const REFUSED_CODES = new Set([-201, -1401, -2002, -2003]);
const sdkCode = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;
const refused = (error: unknown) => REFUSED_CODES.has(sdkCode(error) ?? 0);

/**
 * Zalo's native storage (synchronous, recent Zalo versions); older ones (and the desktop mock) throw "not
 * supported", so the asynchronous setStorage/getStorage stand in, and memory keeps the visit going if both fail.
 */
function createStorage(): PlatformStorage {
  const memory = new Map<string, string>();
  const read = async (key: string): Promise<unknown> => {
    try {
      return nativeStorage.getItem(key);
    } catch {
      try {
        const data: Record<string, unknown> = await getStorage({ keys: [key] });
        return data[key] ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    }
  };
  return {
    async getItem<T>(key: string): Promise<T | null> {
      const raw = await read(STORAGE_PREFIX + key);
      if (raw === null || raw === undefined || raw === '') return null;
      if (typeof raw !== 'string') return raw as T;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return null;
      }
    },
    async setItem<T>(key: string, value: T): Promise<void> {
      const raw = JSON.stringify(value);
      memory.set(STORAGE_PREFIX + key, raw);
      try {
        nativeStorage.setItem(STORAGE_PREFIX + key, raw);
      } catch {
        await setStorage({ data: { [STORAGE_PREFIX + key]: raw } }).catch(() => undefined);
      }
    },
    async removeItem(key: string): Promise<void> {
      memory.delete(STORAGE_PREFIX + key);
      try {
        nativeStorage.removeItem(STORAGE_PREFIX + key);
      } catch {
        await removeStorage({ keys: [STORAGE_PREFIX + key] }).catch(() => undefined);
      }
    },
  };
}

const storage = createStorage();

let identity: Promise<Identity> | undefined;

function getIdentity(): Promise<Identity> {
  identity ??= (async () => {
    let deviceId = await storage.getItem<string>(DEVICE_ID_KEY);
    if (typeof deviceId !== 'string' || deviceId.length === 0) {
      deviceId = newUuid();
      await storage.setItem(DEVICE_ID_KEY, deviceId);
    }
    // The Zalo user id needs no consent; the mock and old Zalo versions give none.
    const zaloId = await getUserID().catch(() => undefined);
    return typeof zaloId === 'string' && zaloId !== ''
      ? { kind: 'zalo', id: zaloId, deviceId }
      : { kind: 'device', id: deviceId };
  })();
  return identity;
}

/**
 * The user's Zalo access token (it only proves who they are), or null when the SDK refuses. Whatever string it
 * gives goes to the server, which alone can tell a valid one: outside Zalo, on a `localhost` page, zmp-sdk mocks
 * itself and answers "" (the e2e journey's fake Zalo server accepts or refuses exactly that).
 */
async function accessToken(): Promise<string | null> {
  const credential = await getSignInCredential();
  return credential.kind === 'zalo' ? credential.accessToken : null;
}

/** The access token, or why Zalo gave none (offline, consent refused...), which the sign-in notice explains. */
async function getSignInCredential(): Promise<SignInCredential> {
  try {
    const token: unknown = await getAccessToken();
    if (typeof token === 'string') return { kind: 'zalo', accessToken: token };
    return { kind: 'zalo-failed', reason: 'unavailable', sdkCode: null };
  } catch (error) {
    return {
      kind: 'zalo-failed',
      reason: refused(error) ? 'denied' : 'unavailable',
      sdkCode: sdkCode(error) ?? null,
    };
  }
}

let citizenPost: CitizenPost | null = null;

/** Takes the citizen session's POST (see CitizenPost); app/ calls it at start, before any page asks. */
export function setCitizenPost(post: CitizenPost): void {
  citizenPost = post;
}

/** Trades a one-time Zalo token (phone or location) for its value through our server, as the signed-in citizen. */
async function exchange<T>(what: 'phone' | 'location', code: string): Promise<T> {
  const token = await accessToken();
  if (token === null) throw new Error('No Zalo access token');
  if (!citizenPost) throw new Error('No citizen session: setCitizenPost was not called');
  return citizenPost<T>(`/citizen/zalo/${what}`, { accessToken: token, code });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new LocationError('timeout')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * Zalo asks the person's consent, then gives a token that our server trades for coordinates. Zalo says
 * nothing about accuracy, so `accuracy` is null (see Position); `fresh` has no Zalo equivalent.
 */
async function getLocation(options?: LocationOptions): Promise<Position> {
  const locate = async (): Promise<Position> => {
    let answer: Awaited<ReturnType<typeof zaloGetLocation>>;
    try {
      answer = await zaloGetLocation();
    } catch (error) {
      throw new LocationError(refused(error) ? 'denied' : 'unavailable', 'Zalo getLocation failed');
    }
    if (typeof answer.token === 'string') {
      try {
        const { lat, lng } = await exchange<{ lat: number; lng: number }>('location', answer.token);
        return { lat, lng, accuracy: null };
      } catch {
        throw new LocationError('unavailable', 'Location exchange failed');
      }
    }
    // Zalo versions before 23.02 answered the coordinates themselves.
    const lat = Number(answer.latitude);
    const lng = Number(answer.longitude);
    if (answer.latitude && answer.longitude && Number.isFinite(lat) && Number.isFinite(lng)) {
      return { lat, lng, accuracy: null };
    }
    throw new LocationError('unavailable', 'Zalo gave no location');
  };
  return withTimeout(locate(), options?.timeoutMs ?? 30_000);
}

async function getPhone(): Promise<PhoneResult> {
  let token: string | undefined;
  try {
    ({ token } = await getPhoneNumber());
  } catch (error) {
    return { refused: refused(error) ? 'denied' : 'unavailable' };
  }
  // The development mock answers `{ number: "" }` without a token: nothing to exchange.
  if (typeof token !== 'string') return { refused: 'unavailable' };
  try {
    const { phone } = await exchange<{ phone: string }>('phone', token);
    return { phone };
  } catch {
    return { refused: 'unavailable' };
  }
}

/**
 * Zalo's own notification consent, then (when the build names an Official Account) following it, which OA
 * messages need. A refusal of either is a no; other failures of followOA (already following) are not.
 */
async function requestNotificationConsent(): Promise<NotificationConsent> {
  try {
    await requestSendNotification();
  } catch {
    return { granted: false };
  }
  if (OA_ID) {
    try {
      await followOA({ id: OA_ID, showDialogConfirm: true });
    } catch (error) {
      if (refused(error)) return { granted: false };
    }
  }
  // The id for the Official Account linked to the Zalo App (OA messages go there), asked even when this build
  // names no OA: Zalo gives it once the person follows that OA, whichever way they came to follow it.
  const oaUserId = await getUserInfo({})
    .then(({ userInfo }) =>
      userInfo.idByOA && /^[0-9]{1,32}$/.test(userInfo.idByOA) ? userInfo.idByOA : null,
    )
    .catch(() => null);
  return { granted: true, oaUserId };
}

/** Zalo's picker gives blob: URLs of the chosen files; they are read back into File objects for upload. */
async function pickImages({ max, camera = true }: PickImagesOptions): Promise<File[]> {
  if (max <= 0) return [];
  const { filePaths } = await chooseImage({
    // A generous count lets the person pick freely; extra picks are dropped as on the web.
    count: max > 1 ? 10 : 1,
    sourceType: camera ? ['camera'] : ['album'],
    cameraType: 'back',
  });
  const files = await Promise.all(
    filePaths.slice(0, max).map(async (url, i) => {
      try {
        const blob = await (await fetch(url)).blob();
        const ext = blob.type.split('/')[1] ?? 'jpg';
        return new File([blob], `anh-${Date.now()}-${i + 1}.${ext}`, { type: blob.type || 'image/jpeg' });
      } catch {
        return null;
      }
    }),
  );
  return files.filter((f): f is File => f !== null);
}

/** Opens the page in Zalo's in-app browser, else in the phone's browser. */
async function openExternal(url: string): Promise<void> {
  const parsed = new URL(url, window.location.href);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Refusing to open ${parsed.protocol} URL`);
  }
  try {
    await openWebview({ url: parsed.href, config: { style: 'normal' } });
  } catch {
    await openOutApp({ url: parsed.href });
  }
}

/** Zalo's share sheet: a link card, or a message with the link when there is text to go with it. */
async function share(data: ShareData): Promise<ShareOutcome> {
  try {
    const result = data.text
      ? await openShareSheet({
          type: 'text',
          data: { text: `${data.title}\n${data.text}\n${data.url}`, autoParseLink: true },
        })
      : await openShareSheet({ type: 'link', data: { link: data.url, chatOnly: false } });
    return result?.status === 0 ? 'cancelled' : 'shared';
  } catch (error) {
    return refused(error) ? 'cancelled' : 'failed';
  }
}

/**
 * Zalo's downloadFile takes the bytes as base64. Its list of file types does not name .ics, so some Zalo
 * versions may refuse it; the caller then shows its error.
 */
async function saveFile(file: Blob): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  await downloadFile({ fileBase64Data: btoa(binary) });
}

/** Zalo vibrates once (the length only counts on Android): the total "on" time of the pattern. */
function vibrate(pattern: number | number[]): void {
  const steps = Array.isArray(pattern) ? pattern : [pattern];
  const milliseconds = steps.filter((_, i) => i % 2 === 0).reduce((sum, ms) => sum + ms, 0);
  if (milliseconds > 0) zaloVibrate({ type: 'oneShot', milliseconds }).catch(() => undefined);
}

/** `https://zalo.me/s/<APP_ID><path>` opens the mini app at that path (Zalo sets window.APP_ID). */
function linkTo(path: string): string {
  const appId = window.APP_ID;
  if (appId) return `https://zalo.me/s/${appId}${path.startsWith('/') ? path : `/${path}`}`;
  return new URL(path, window.location.origin).href;
}

/** Where this build runs, as a constant: the bundler drops code meant for the other runtime. */
export const RUNTIME: Runtime = 'zalo';

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
  getSignInCredential,
  getPhone,
  requestNotificationConsent,
  linkTo,
};

/**
 * zmp-ui's ZMPRouter: in a production build it routes under `/zapps/<window.APP_ID>`, where Zalo serves the
 * mini app, so the path after it is the app's own (deep links `zalo.me/s/<APP_ID>/reports/…` arrive there).
 */
export const AppRouter: PlatformRouter = ({ children }) => createElement(ZMPRouter, null, children);

/**
 * Nothing to do in Zalo: Zalo downloads the mini app's package and keeps it itself, and a service worker has no
 * place there (the web build's keeps the web app on the phone, see web.ts).
 */
export function keepAppOnDevice(): void {}

/** zmp-ui's AnimationRoutes: native-feeling slide transitions between pages. */
export const AppRoutes: PlatformRoutes = AnimationRoutes;

import type { ComponentType, ReactNode } from 'react';

/** Where the app is running. Only `platform/*.ts` may branch on where it runs; everything else asks the adapter. */
export type Runtime = 'web' | 'zalo';

/**
 * Who is using the app. On the web: an anonymous id made once per device. In Zalo: the Zalo user (when Zalo
 * tells), to which the device's own id is linked by the server at sign-in.
 */
export type Identity = { kind: 'device'; id: string } | { kind: 'zalo'; id: string; deviceId: string };

export interface Position {
  lat: number;
  lng: number;
  /**
   * Radius of uncertainty in metres; null when the platform does not say (Zalo hands over coordinates without
   * one). The report wizard then shows the point on the pin map for the person to confirm.
   */
  accuracy: number | null;
}

export type LocationErrorReason = 'denied' | 'unavailable' | 'timeout';

/** Why a position could not be read; the UI picks a message per `reason`. */
export class LocationError extends Error {
  override readonly name = 'LocationError';
  readonly reason: LocationErrorReason;
  constructor(reason: LocationErrorReason, message?: string) {
    super(message ?? reason);
    this.reason = reason;
  }
}

export interface LocationOptions {
  timeoutMs?: number;
  fresh?: boolean;
}

export interface PickImagesOptions {
  /** At most this many files are returned (extra picks are dropped). */
  max: number;
  /** Ask for the camera first where the device supports it (default true). */
  camera?: boolean;
}

export interface ShareData {
  title: string;
  text?: string;
  url: string;
}

/**
 * What `share` ended up doing: the system share sheet was used, the link was copied instead,
 * the person closed the share sheet, or nothing worked (the UI should then show the link).
 */
export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'failed';

/**
 * What the app signs in with: nothing but the device on the web (the server makes an anonymous identity); in
 * Zalo, the Zalo user's access token, which the server verifies with Zalo (POST /auth/zalo), or why Zalo gave
 * none (`zalo-failed`: the person refused, or Zalo could not be asked; `sdkCode` is zmp-sdk's error number).
 */
export type SignInCredential =
  | { kind: 'device' }
  | { kind: 'zalo'; accessToken: string }
  | { kind: 'zalo-failed'; reason: ConsentRefusal; sdkCode: number | null };

/** Why a Zalo consent (phone number) gave nothing: the person said no, or Zalo could not be asked. */
export type ConsentRefusal = 'denied' | 'unavailable';

/** The outcome of asking for the person's verified phone number. */
export type PhoneResult = { phone: string } | { refused: ConsentRefusal };

/** Small key/value store for preferences; values go through JSON. */
export interface PlatformStorage {
  getItem<T>(key: string): Promise<T | null>;
  setItem<T>(key: string, value: T): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export type NotificationConsent = { granted: false } | { granted: true; oaUserId: string | null };

export interface Platform {
  readonly runtime: Runtime;
  getIdentity(): Promise<Identity>;
  /**
   * Current position; rejects with a {@link LocationError}. `fresh` asks for a new fix instead of one the device
   * remembers from the last minute (used when retrying for a better accuracy).
   */
  getLocation(options?: LocationOptions): Promise<Position>;
  /**
   * Lets the person choose photos. Call it straight from a click handler (before any `await`):
   * browsers only open the picker during a user gesture. Resolves to [] when the picker is closed.
   */
  pickImages(options: PickImagesOptions): Promise<File[]>;
  readonly storage: PlatformStorage;
  /** Opens an http(s) page outside the app (new tab on the web, in-app browser in Zalo). */
  openExternal(url: string): Promise<void>;
  share(data: ShareData): Promise<ShareOutcome>;
  /**
   * Hands a file made in the app (an .ics calendar entry) to the device: a download on the web, which phones
   * offer to open with the calendar. Call it soon after the tap that asked for it.
   */
  saveFile(file: Blob, fileName: string): Promise<void>;
  /**
   * Vibrates the phone (milliseconds on, off, on...). Does nothing where the device cannot, and browsers ignore
   * it until the person has touched the page once.
   */
  vibrate(pattern: number | number[]): void;
  /** How this app signs the citizen in; see {@link SignInCredential}. Never rejects. */
  getSignInCredential(): Promise<SignInCredential>;
  /**
   * The person's phone number, verified by Zalo, after asking their consent (Zalo only; the web has no such
   * thing and answers `{ refused: 'unavailable' }` at once, so forms keep their manual entry).
   */
  getPhone(): Promise<PhoneResult>;
  /**
   * Asks the person to let the app's Official Account message them (Zalo only). `granted` is false when they
   * refused or the platform cannot (web); `oaUserId` is their id for the Official Account when Zalo gives it
   * (they follow it), which the server checks with Zalo before sending OA messages there.
   */
  requestNotificationConsent(): Promise<NotificationConsent>;
  /**
   * The address to share for a path of the app (`/reports/public/PA-2025-000012`): the web address here on
   * the web; the Zalo deep link `https://zalo.me/s/<APP_ID><path>` in Zalo, which opens the mini app there.
   */
  linkTo(path: string): string;
}

/**
 * A POST to our API as the signed-in citizen. The session lives outside the adapter (lib/session, which itself
 * uses the adapter's storage and sign-in credential), so app/ hands this in at start (`setCitizenPost`); the
 * Zalo adapter needs it to trade Zalo's one-time phone and location tokens through our server.
 */
export type CitizenPost = <T>(path: string, body: unknown) => Promise<T>;

/**
 * The router that fits the runtime: react-router's BrowserRouter on the web; zmp-ui's ZMPRouter in Zalo
 * (it forces the basename to /zapps/<APP_ID> in production builds, which blanks the web app).
 */
export type PlatformRouter = ComponentType<{ children: ReactNode }>;

/**
 * Renders the matching `<Route>` children: react-router's Routes on the web (one page in the DOM at a time);
 * zmp-ui's AnimationRoutes in Zalo, where slide transitions feel native.
 */
export type PlatformRoutes = ComponentType<{ children: ReactNode }>;

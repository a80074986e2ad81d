import type { ComponentType, ReactNode } from 'react';

/** Where the app is running. Only `platform/*.ts` may branch on where it runs; everything else asks the adapter. */
export type Runtime = 'web' | 'zalo';

/**
 * Who is using the app. On the web: an anonymous id made once per device. In Zalo (later): the Zalo user,
 * to which the device id can then be linked by the server.
 */
export type Identity = { kind: 'device'; id: string } | { kind: 'zalo'; id: string; deviceId: string };

export interface Position {
  lat: number;
  lng: number;
  /** Radius of uncertainty in metres. */
  accuracy: number;
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

/** Small key/value store for preferences; values go through JSON. */
export interface PlatformStorage {
  getItem<T>(key: string): Promise<T | null>;
  setItem<T>(key: string, value: T): Promise<void>;
  removeItem(key: string): Promise<void>;
}

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
}

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

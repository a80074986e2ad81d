/// <reference types="vite/client" />

/** Build-time settings (`VITE_*` environment variables when running `vite build`); see docs/ZALO.md. */
interface ImportMetaEnv {
  /** Origin of the API server (`https://dichvu.example.vn`); empty: the page's own origin (the web build). */
  readonly VITE_API_ORIGIN?: string;
  /** The Zalo Official Account that the notification opt-in asks the person to follow (Zalo build). */
  readonly VITE_ZALO_OA_ID?: string;
}

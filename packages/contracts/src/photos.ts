// Photo rules shared by the server and both apps, free of zod so the apps can import them without it.

/**
 * Longest side, in pixels, of a stored report photo: the server re-encodes every upload to at most this, and the
 * apps shrink a photo to it before it leaves the phone (so the bytes beyond it are never paid for).
 */
export const PHOTO_LONG_EDGE = 1600;

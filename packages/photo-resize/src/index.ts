// Photos shrunk on the phone before they are uploaded: a 12-megapixel camera photo of 4-5 MB becomes a
// 1600 px JPEG of a few hundred kB, which is all the server keeps anyway (it re-encodes every upload to
// PHOTO_LONG_EDGE and still checks what the bytes are). Used by the citizen app's report form and by the
// console's after-photos. The encoder (compressorjs, docs/DECISIONS.md) is loaded only when a photo is picked.
import { PHOTO_LONG_EDGE } from '@dltt/contracts/photos';

export { PHOTO_LONG_EDGE };
/** JPEG quality of a shrunk photo (the server re-encodes at 80 too). */
export const PHOTO_QUALITY = 0.8;
/** A photo at most this big whose long edge is already within PHOTO_LONG_EDGE is sent as it is. */
export const SMALL_PHOTO_BYTES = 512 * 1024;
/**
 * What the phone's browser can decode and draw. HEIC (iPhone) is left to the server, which decodes it itself;
 * so is anything the picker did not type.
 */
const SHRINKABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** The two things done in the browser, apart so the decisions around them are tested without one. */
export interface PhotoCodec {
  /** Longest side of the picture in pixels (decodes it: only asked for small files). */
  longEdge(file: File): Promise<number>;
  /** The picture upright (EXIF orientation applied), within PHOTO_LONG_EDGE, as a JPEG; its EXIF kept. */
  shrink(file: File): Promise<Blob>;
}

/**
 * The file to upload for a picked photo: shrunk to PHOTO_LONG_EDGE as a JPEG of quality PHOTO_QUALITY,
 * upright, with the camera's EXIF kept but for its orientation (the server reads the GPS position from it to
 * offer "the place the photo was taken", then drops all metadata). The original file is returned when it is
 * already small, when shrinking would not make it smaller, when the browser cannot decode it, or on any
 * failure: the server accepts the original (≤ 10 MB) and re-encodes it, so a failure here costs bytes, never
 * the photo. Never rejects.
 */
export async function shrinkPhoto(file: File, codec: PhotoCodec = browserCodec): Promise<File> {
  if (!SHRINKABLE.has(file.type)) return file;
  try {
    if (file.size <= SMALL_PHOTO_BYTES && (await codec.longEdge(file)) <= PHOTO_LONG_EDGE) return file;
    const small = await codec.shrink(file);
    if (small.size >= file.size) return file;
    return new File([small], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    return file;
  }
}

/** `IMG_0001.png` -> `IMG_0001.jpg`: the name says what the bytes now are. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '');
  return `${base || 'photo'}.jpg`;
}

/** Chromium, WebKit and Firefox: createImageBitmap for the size, compressorjs (canvas) for the rest. */
export const browserCodec: PhotoCodec = {
  async longEdge(file) {
    const bitmap = await createImageBitmap(file);
    try {
      return Math.max(bitmap.width, bitmap.height);
    } finally {
      bitmap.close();
    }
  },
  async shrink(file) {
    const { default: Compressor } = await import('compressorjs');
    return new Promise<Blob>((resolve, reject) => {
      new Compressor(file, {
        maxWidth: PHOTO_LONG_EDGE,
        maxHeight: PHOTO_LONG_EDGE,
        quality: PHOTO_QUALITY,
        mimeType: 'image/jpeg',
        // Reads the EXIF orientation, resets it to 1 and turns the pixels itself: the same result whether or
        // not the browser would have turned the picture on its own.
        checkOrientation: true,
        retainExif: true,
        // Our own size check above decides; compressorjs's would hand back the original for a bigger result only
        // when nothing was resized.
        strict: false,
        success: resolve,
        error: reject,
      });
    });
  },
};

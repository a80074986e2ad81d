import { PHOTO_LONG_EDGE } from '@dltt/contracts';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import decodeHeic from 'heic-decode';
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../errors.ts';

// Each upload is decoded once: libvips' operation cache (by default 50 MB and 100 operations) only kept the
// last uploads' pixels resident (docs/BENCHMARKS.md, "Memory").
sharp.cache(false);

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Longest side of the stored photo and of its thumbnail, in pixels. */
const FULL_SIZE = PHOTO_LONG_EDGE;
const THUMB_SIZE = 320;
/** Formats phones produce, recognised by their bytes, never by the file name or the declared type. */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif']);

export interface ProcessedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  /** Where the camera said the photo was taken, if it said so. */
  exifLocation: { lat: number; lng: number } | null;
}

async function readGps(input: Buffer): Promise<{ lat: number; lng: number } | null> {
  try {
    const gps = (await exifr.gps(input)) as { latitude?: number; longitude?: number } | undefined;
    if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) {
      return { lat: gps.latitude as number, lng: gps.longitude as number };
    }
  } catch {
    // No or broken EXIF: the photo is still fine.
  }
  return null;
}

/**
 * Checks what a photo really is, reads its GPS position, and re-encodes it: upright, at most 1600 px, as
 * JPEG without any metadata (EXIF, GPS, camera serials are dropped), plus a small WebP thumbnail.
 * iPhone HEIC (HEVC) is decoded with libheif (WASM) since libvips' prebuilt HEIF support is AV1-only.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  const type = await fileTypeFromBuffer(input);
  if (!type || !ACCEPTED.has(type.mime)) throw new AppError('PHOTO_TYPE_NOT_ALLOWED');
  const exifLocation = await readGps(input);

  let pipeline: () => Sharp;
  if (type.mime === 'image/heic' || type.mime === 'image/heif') {
    let decoded: Awaited<ReturnType<typeof decodeHeic>>;
    try {
      decoded = await decodeHeic({ buffer: new Uint8Array(input) });
    } catch {
      throw new AppError('PHOTO_UNREADABLE');
    }
    const raw = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
    pipeline = () => sharp(raw, { raw: { width: decoded.width, height: decoded.height, channels: 4 } });
  } else {
    pipeline = () => sharp(input, { failOn: 'error', limitInputPixels: 60_000_000 }).rotate();
  }

  try {
    const full = await pipeline()
      .resize({ width: FULL_SIZE, height: FULL_SIZE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await pipeline()
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
    return { full: full.data, thumb, width: full.info.width, height: full.info.height, exifLocation };
  } catch {
    throw new AppError('PHOTO_UNREADABLE');
  }
}

/*
 * QR decoding in plain JavaScript for browsers without BarcodeDetector (Firefox, Safari, Chromium on Linux and
 * Windows). ZXing's port is maintained, needs no WebAssembly (so no change to the security policy and nothing
 * fetched at run time). Its package index drags in every format and writer (112 kB gzipped, measured), so the QR
 * reader's own modules are imported one by one (25 kB). This module is imported dynamically by QrScanner only:
 * a chunk of its own that the kiosk loads when the camera opens (bench/size.ts budgets it apart).
 */
import BinaryBitmap from '@zxing/library/esm/core/BinaryBitmap';
import ChecksumException from '@zxing/library/esm/core/ChecksumException';
import HybridBinarizer from '@zxing/library/esm/core/common/HybridBinarizer';
import FormatException from '@zxing/library/esm/core/FormatException';
import NotFoundException from '@zxing/library/esm/core/NotFoundException';
import QRCodeReader from '@zxing/library/esm/core/qrcode/QRCodeReader';
import RGBLuminanceSource from '@zxing/library/esm/core/RGBLuminanceSource';

/** Pixels as a canvas gives them (RGBA, 4 bytes a pixel). */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const reader = new QRCodeReader();

/** The text of the QR code in the picture, or null when there is none (or it cannot be read in this frame). */
export function decodeQr({ data, width, height }: Pixels): string | null {
  const luminance = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < luminance.length; i += 1, p += 4)
    luminance[i] = (data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114) / 1000;
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
  try {
    return reader.decode(bitmap).getText();
  } catch (error) {
    // No code in sight, or one too blurred this time: the caller tries the next frame.
    if (
      error instanceof NotFoundException ||
      error instanceof ChecksumException ||
      error instanceof FormatException
    )
      return null;
    throw error;
  } finally {
    reader.reset();
  }
}

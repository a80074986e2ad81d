// Reads a QR code shown on a page the way a phone camera would: the image as drawn by the browser, decoded by
// ZXing (the library the kiosk itself decodes with where the browser has no BarcodeDetector).
import zxing from '@zxing/library';
import type { Locator } from 'playwright-core';

const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/** Side of the square the image is drawn into before decoding. */
const SIDE = 300;

/**
 * The image holds nothing but the code: ZXing reads its modules straight from the grid instead of searching for
 * finder patterns (the search misreads about one generated code in ten at this scale).
 */
const HINTS = new Map<zxing.DecodeHintType, unknown>([
  [DecodeHintType.PURE_BARCODE, true],
  [DecodeHintType.TRY_HARDER, true],
]);

/** The text encoded in the QR code image `img` (an <img> element); throws when there is none. */
export async function readQr(img: Locator): Promise<string> {
  await img.waitFor();
  // Grey levels, computed in the page and sent as base64 (a plain array of pixels is slow to pass over).
  const grey = await img.evaluate(async (element, side) => {
    const image = element as HTMLImageElement;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, side, side);
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, side, side);
    const rgba = context.getImageData(0, 0, side, side).data;
    let binary = '';
    for (let i = 0; i < rgba.length; i += 4)
      binary += String.fromCharCode((rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000);
    return btoa(binary);
  }, SIDE);
  const luminance = new Uint8ClampedArray(Buffer.from(grey, 'base64'));
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, SIDE, SIDE)));
  return new QRCodeReader().decode(bitmap, HINTS).getText();
}

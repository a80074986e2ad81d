// Test images made on the fly with sharp, so no binary fixtures are needed (HEIC excepted, see
// modules/reports/fixtures/README.md).
import sharp from 'sharp';

/** Degrees as EXIF writes them: degrees, minutes and hundredths of seconds, each as a rational. */
const dms = (v: number) => {
  const a = Math.abs(v);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
};

/** The EXIF GPS block (sharp's IFD3) of a position. */
export function gpsExif(gps: { lat: number; lng: number }): Record<string, string> {
  return {
    GPSLatitudeRef: gps.lat >= 0 ? 'N' : 'S',
    GPSLatitude: dms(gps.lat),
    GPSLongitudeRef: gps.lng >= 0 ? 'E' : 'W',
    GPSLongitude: dms(gps.lng),
  };
}

/** A JPEG with optional EXIF: a GPS position and an orientation tag. */
export async function makeJpeg(
  options: { width?: number; height?: number; gps?: { lat: number; lng: number }; orientation?: number } = {},
): Promise<Buffer> {
  const { width = 800, height = 600 } = options;
  const exif: Record<string, Record<string, string>> = {
    IFD0: { Make: 'TestCam', Model: 'Serial-123456' },
  };
  if (options.gps) exif.IFD3 = gpsExif(options.gps);
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withExif(exif)
    .withMetadata(options.orientation ? { orientation: options.orientation } : {})
    .toBuffer();
}

export function makePng(): Promise<Buffer> {
  return sharp({
    create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
  })
    .png()
    .toBuffer();
}

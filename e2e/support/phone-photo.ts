// A photo as a phone camera takes it, made with sharp: 12 megapixels (4000×3000 sensor pixels), JPEG quality 90,
// detailed content (gradients, shapes and sensor-like noise, so it weighs what a real one does: a few MB), held
// sideways with EXIF orientation 6 (shown turned 90° clockwise: a portrait picture, 3000×4000 upright), and a
// GPS position in its EXIF. The top of the upright picture is a red band, to tell which way it was turned.
import sharp from 'sharp';
import { gpsExif } from '../../apps/server/src/testing/photos.ts';

export const PHONE_PHOTO = { sensorWidth: 4000, sensorHeight: 3000, orientation: 6, quality: 90 } as const;

/** The JPEG bytes (the noise is random: the size varies by a few hundred bytes from one call to the next). */
export async function makePhonePhoto(gps: { lat: number; lng: number }): Promise<Buffer> {
  const { sensorWidth: w, sensorHeight: h } = PHONE_PHOTO;
  // Upright, the top of the picture is the sensor's left edge (orientation 6): the red band goes there.
  const scene = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
      <defs>
        <linearGradient id="sky" x1="0" y1="0" x2="1" y2="0.3">
          <stop offset="0" stop-color="#7fb3e0"/><stop offset="0.55" stop-color="#d8c9a0"/>
          <stop offset="1" stop-color="#4d6b2f"/>
        </linearGradient>
        <radialGradient id="sun" cx="0.3" cy="0.35" r="0.5">
          <stop offset="0" stop-color="#fff6c8" stop-opacity="0.9"/><stop offset="1" stop-color="#fff6c8" stop-opacity="0"/>
        </radialGradient>
      </defs>
      <rect width="${w}" height="${h}" fill="url(#sky)"/>
      <rect width="${w}" height="${h}" fill="url(#sun)"/>
      ${Array.from({ length: 60 }, (_, i) => {
        const x = 400 + ((i * 977) % (w - 600));
        const y = (i * 613) % h;
        const r = 40 + ((i * 37) % 220);
        return `<circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${(i * 47) % 360},45%,${30 + (i % 5) * 10}%)" fill-opacity="0.7"/>`;
      }).join('')}
      ${Array.from({ length: 40 }, (_, i) => `<line x1="${300 + i * 90}" y1="0" x2="${600 + i * 80}" y2="${h}" stroke="#3a3a3a" stroke-width="${3 + (i % 4) * 3}"/>`).join('')}
      <rect x="0" y="0" width="${Math.round(w * 0.06)}" height="${h}" fill="#d01010"/>
    </svg>`,
  );
  const noise = await sharp({
    create: {
      width: w,
      height: h,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 28 },
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return sharp(scene)
    .composite([{ input: noise, blend: 'soft-light' }])
    .jpeg({ quality: PHONE_PHOTO.quality })
    .withExif({
      IFD0: { Make: 'Phone', Model: 'Camera 12MP' },
      IFD3: gpsExif(gps),
    })
    .withMetadata({ orientation: PHONE_PHOTO.orientation })
    .toBuffer();
}

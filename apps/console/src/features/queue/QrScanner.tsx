import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeFromQr } from './queue.domain.ts';

/*
 * Reading the booking's QR code from the camera: the browser's own reader (Shape Detection API: Chrome and Edge
 * on Android, ChromeOS, macOS) where there is one, else ZXing in JavaScript (qr-decode.ts, a lazy chunk loaded
 * only when the kiosk's camera opens). TypeScript's DOM library does not describe BarcodeDetector yet, hence
 * these few declarations.
 */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

/** Reads the texts of the QR codes in the video's current frame. */
type FrameReader = (video: HTMLVideoElement) => Promise<string[]>;

async function nativeReader(): Promise<FrameReader | null> {
  const Detector = (window as Window & { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (typeof Detector !== 'function') return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
  } catch {
    return null;
  }
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video)).map((c) => c.rawValue);
}

/** Frames are scaled down to this width before decoding in JavaScript: enough for a code held to the camera. */
const DECODE_WIDTH = 640;

async function scriptReader(): Promise<FrameReader> {
  const { decodeQr } = await import('./qr-decode.ts');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  return async (video) => {
    if (!video.videoWidth || !video.videoHeight) return [];
    const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const text = decodeQr(context.getImageData(0, 0, canvas.width, canvas.height));
    return text === null ? [] : [text];
  };
}

/** Whether this browser can read QR codes from a camera: it has one (decoding works everywhere). */
export async function canScanQr(): Promise<boolean> {
  if (!navigator.mediaDevices?.getUserMedia || !navigator.mediaDevices.enumerateDevices) return false;
  try {
    return (await navigator.mediaDevices.enumerateDevices()).some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

const SCAN_EVERY_MS = 250;

/** The camera picture, read a few times a second until a booking code shows up; the camera stops on unmount. */
export function QrScanner({ onCode }: { onCode(code: string): void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const start = async () => {
      if (!video.current) throw new Error('no video');
      const read = (await nativeReader()) ?? (await scriptReader());
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
      // Unmounted while the browser asked for the camera: the cleanup has already run.
      if (stopped) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      video.current.srcObject = stream;
      await video.current.play();
      const scan = async () => {
        if (stopped || !video.current) return;
        try {
          const texts = await read(video.current);
          const code = texts.map(codeFromQr).find((c) => c !== null);
          if (code && !stopped) {
            onCodeRef.current(code);
            return;
          }
        } catch {
          // A frame that could not be read; try the next one.
        }
        timer = setTimeout(scan, SCAN_EVERY_MS);
      };
      void scan();
    };

    start().catch(() => {
      if (!stopped) setFailed(true);
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  if (failed) {
    return (
      <p className="kiosk-error" role="alert">
        {t('kiosk.cameraFailed')}
      </p>
    );
  }
  return (
    <>
      <video ref={video} className="kiosk-video" muted playsInline aria-label={t('kiosk.cameraLabel')} />
      <p className="kiosk-lead">{t('kiosk.scanHint')}</p>
    </>
  );
}

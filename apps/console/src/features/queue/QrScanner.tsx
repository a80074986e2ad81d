import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeFromQr } from './queue.domain';

/*
 * The browser's own QR reader (Shape Detection API: Chrome and Edge on Android, ChromeOS, macOS; not Firefox or
 * Safari on the desktop). TypeScript's DOM library does not describe it yet, hence these few declarations.
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

function detectorClass(): BarcodeDetectorClass | null {
  const found = (window as Window & { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return typeof found === 'function' ? found : null;
}

/** Whether this browser can read QR codes from the camera (checked once; false on any doubt). */
export async function canScanQr(): Promise<boolean> {
  const Detector = detectorClass();
  if (!Detector || !navigator.mediaDevices?.getUserMedia) return false;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code');
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
    const Detector = detectorClass();

    const start = async () => {
      if (!Detector || !video.current) throw new Error('no detector');
      const detector = new Detector({ formats: ['qr_code'] });
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
          const codes = await detector.detect(video.current);
          const code = codes.map((c) => codeFromQr(c.rawValue)).find((c) => c !== null);
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

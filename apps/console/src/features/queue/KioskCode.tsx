import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canScanQr, QrScanner } from './QrScanner.tsx';
import { BOOKING_CODE_ALPHABET, BOOKING_CODE_LENGTH, cleanCode } from './queue.domain.ts';

interface KioskCodeScreenProps {
  /** What the box starts with (a scanned code the server refused). */
  initialCode?: string;
  headingRef: RefObject<HTMLHeadingElement>;
  busy: boolean;
  /** The server's refusal of the last code (wrong centre, not today, too early...). */
  error: string | undefined;
  onSubmit(code: string): void;
  onBack(): void;
}

/**
 * "Tôi có lịch hẹn": the 8-character booking code typed on a big field (a keyboard, or the on-screen keys of a
 * touch kiosk) or read from the QR code of the booking with the camera, where the browser can.
 */
export function KioskCodeScreen({
  initialCode = '',
  headingRef,
  busy,
  error,
  onSubmit,
  onBack,
}: KioskCodeScreenProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState(initialCode);
  const [invalid, setInvalid] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [scanSupported, setScanSupported] = useState(false);

  useEffect(() => {
    let live = true;
    void canScanQr().then((ok) => live && setScanSupported(ok));
    return () => {
      live = false;
    };
  }, []);

  // The box takes the focus (not the heading): someone with a keyboard or a QR reader types straight away.
  useEffect(() => {
    if (!scanning) input.current?.focus();
  }, [scanning]);

  const change = (value: string) => {
    setCode(cleanCode(value));
    setInvalid(false);
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (code.length !== BOOKING_CODE_LENGTH) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    onSubmit(code);
  };

  const message = invalid ? t('kiosk.codeIncomplete', { length: BOOKING_CODE_LENGTH }) : error;
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('kiosk.codeTitle')}
      </h1>
      {message ? (
        <p id={`${inputId}-error`} className="kiosk-error" role="alert">
          {message}
        </p>
      ) : null}
      {scanning ? (
        <>
          <QrScanner
            onCode={(scanned) => {
              setScanning(false);
              setCode(scanned);
              onSubmit(scanned);
            }}
          />
          <div className="kiosk-actions">
            <button type="button" className="kiosk-button" onClick={() => setScanning(false)}>
              {t('kiosk.typeInstead')}
            </button>
          </div>
        </>
      ) : (
        <form className="kiosk-code-form" noValidate onSubmit={submit}>
          <label htmlFor={inputId}>{t('kiosk.codeLabel', { length: BOOKING_CODE_LENGTH })}</label>
          <input
            ref={input}
            id={inputId}
            className="kiosk-code-input"
            value={code}
            onChange={(e) => change(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            // The on-screen keypad below is the touch input; a phone-style keyboard would cover it. Physical
            // keyboards and QR readers type as usual.
            inputMode="none"
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? `${inputId}-error` : undefined}
          />
          <fieldset className="kiosk-keypad-set">
            <legend className="sr-only">{t('kiosk.keypad')}</legend>
            <div className="kiosk-keypad">
              {[...BOOKING_CODE_ALPHABET].map((key) => (
                <button
                  key={key}
                  type="button"
                  className="kiosk-key"
                  disabled={code.length >= BOOKING_CODE_LENGTH}
                  onClick={() => change(code + key)}
                >
                  {key}
                </button>
              ))}
              <button
                type="button"
                className="kiosk-key kiosk-key-wide"
                disabled={code.length === 0}
                onClick={() => change(code.slice(0, -1))}
              >
                {t('kiosk.backspace')}
              </button>
              <button
                type="button"
                className="kiosk-key kiosk-key-wide"
                disabled={code.length === 0}
                onClick={() => change('')}
              >
                {t('kiosk.clear')}
              </button>
            </div>
          </fieldset>
          <div className="kiosk-actions">
            <button type="submit" className="kiosk-button kiosk-button-primary" disabled={busy}>
              {busy ? t('kiosk.checkingIn') : t('kiosk.checkIn')}
            </button>
            {scanSupported ? (
              <button type="button" className="kiosk-button" onClick={() => setScanning(true)}>
                {t('kiosk.scanQr')}
              </button>
            ) : null}
            <button type="button" className="kiosk-button" onClick={onBack}>
              {t('kiosk.back')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

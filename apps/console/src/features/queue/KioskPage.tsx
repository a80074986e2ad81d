import type { Centre, Ticket } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../app/api.ts';
import { formatTime } from '../../components/format.ts';
import { useQuery } from '../../components/hooks.ts';
import { KioskCodeScreen } from './KioskCode.tsx';
import { KioskTicket } from './KioskTicket.tsx';
import { publicQueueApi } from './queue.api.ts';
import { checkInOpensAt, codeFromQr, hasCode } from './queue.domain.ts';
import { useScannerInput } from './useScannerInput.ts';
import './kiosk.css';

type Screen = 'start' | 'code' | 'fields' | 'ticket';

/** A screen left half-done (someone walked away) goes back to the start after this long without a touch. */
const IDLE_MS = 60_000;

/**
 * The kiosk at a centre's entrance: check in with a booking code (typed or scanned) or take a number for a
 * field; the number is shown large, then the kiosk goes back to the start for the next person.
 */
export function KioskPage() {
  const { t } = useTranslation();
  const { centreId = '' } = useParams();
  const [screen, setScreen] = useState<Screen>('start');
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** A scanned code the server refused: shown in the code box with the reason. */
  const [refusedCode, setRefusedCode] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const centre = useQuery(
    useCallback((signal: AbortSignal) => publicQueueApi.centre(centreId, signal), [centreId]),
  );

  const go = useCallback((next: Screen) => {
    setError(undefined);
    setScreen(next);
  }, []);
  const restart = useCallback(() => {
    setTicket(null);
    setRefusedCode('');
    go('start');
  }, [go]);

  // Each screen announces itself: focus moves to its heading (screen readers, and a clean start for typing).
  // The code screen puts it in the code box instead, ready for the keypad, a keyboard or a scanner.
  useEffect(() => {
    if (screen !== 'code') heading.current?.focus();
  }, [screen]);

  useEffect(() => {
    document.title = centre.data ? t('kiosk.documentTitle', { name: centre.data.name }) : t('kiosk.title');
  }, [centre.data, t]);

  // Back to the start after a while without a touch (the ticket screen has its own, shorter countdown).
  useEffect(() => {
    if (screen === 'start' || screen === 'ticket') return;
    let timer = setTimeout(restart, IDLE_MS);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(restart, IDLE_MS);
    };
    document.addEventListener('pointerdown', touched);
    document.addEventListener('keydown', touched);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('pointerdown', touched);
      document.removeEventListener('keydown', touched);
    };
  }, [screen, restart]);

  const issue = async (request: () => Promise<Ticket>, refused?: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      setTicket(await request());
      setScreen('ticket');
    } catch (e) {
      refused?.();
      setError(kioskError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const checkIn = (code: string) => void issue(() => publicQueueApi.checkIn(centreId, code));

  // A QR reader typing a code is a check-in on every screen; a refused code is shown in the code box.
  useScannerInput((text) => {
    const code = codeFromQr(text);
    if (!code || busy) return;
    void issue(
      () => publicQueueApi.checkIn(centreId, code),
      () => {
        setRefusedCode(code);
        setScreen('code');
      },
    );
  }, centre.data !== undefined);

  const name = centre.data?.name;
  return (
    <div className="kiosk">
      <header className="kiosk-head">
        <p>{name ?? t('kiosk.title')}</p>
      </header>
      <main className="kiosk-main">
        {centre.error ? (
          <>
            <h1 ref={heading} tabIndex={-1}>
              {t('kiosk.unavailable')}
            </h1>
            <p className="kiosk-error" role="alert">
              {centre.error instanceof ApiError && centre.error.status === 404
                ? t('kiosk.notFound')
                : errorMessage(centre.error)}
            </p>
            <button type="button" className="kiosk-button kiosk-button-primary" onClick={centre.reload}>
              {t('app.retry')}
            </button>
          </>
        ) : !centre.data ? (
          <p role="status">{t('app.loading')}</p>
        ) : screen === 'ticket' && ticket ? (
          <KioskTicket key={ticket.id} ticket={ticket} headingRef={heading} onDone={restart} />
        ) : screen === 'code' ? (
          <KioskCodeScreen
            key={refusedCode}
            initialCode={refusedCode}
            headingRef={heading}
            busy={busy}
            error={error}
            onSubmit={checkIn}
            onBack={() => {
              setRefusedCode('');
              go('start');
            }}
          />
        ) : screen === 'fields' ? (
          <FieldChoice
            centre={centre.data}
            headingRef={heading}
            busy={busy}
            error={error}
            onPick={(fieldId) => void issue(() => publicQueueApi.walkIn(centreId, fieldId))}
            onBack={() => go('start')}
          />
        ) : (
          <>
            <h1 ref={heading} tabIndex={-1}>
              {t('kiosk.welcome')}
            </h1>
            <p className="kiosk-lead">{t('kiosk.chooseService')}</p>
            <ul className="kiosk-choices">
              <li>
                <button type="button" className="kiosk-choice" onClick={() => go('code')}>
                  {t('kiosk.haveBooking')}
                  <small>{t('kiosk.haveBookingHint')}</small>
                </button>
              </li>
              <li>
                <button
                  type="button"
                  className="kiosk-choice kiosk-choice-secondary"
                  onClick={() => go('fields')}
                >
                  {t('kiosk.takeNumber')}
                  <small>{t('kiosk.takeNumberHint')}</small>
                </button>
              </li>
            </ul>
          </>
        )}
      </main>
    </div>
  );
}

interface FieldChoiceProps {
  centre: Centre;
  headingRef: RefObject<HTMLHeadingElement>;
  busy: boolean;
  error: string | undefined;
  onPick(fieldId: string): void;
  onBack(): void;
}

function FieldChoice({ centre, headingRef, busy, error, onPick, onBack }: FieldChoiceProps) {
  const { t } = useTranslation();
  const fields = centre.fields.filter((f) => f.active).sort((a, b) => a.letter.localeCompare(b.letter));
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('kiosk.chooseField')}
      </h1>
      {error ? (
        <p className="kiosk-error" role="alert">
          {error}
        </p>
      ) : null}
      {fields.length === 0 ? <p className="kiosk-lead">{t('kiosk.noFields')}</p> : null}
      <ul className="kiosk-choices">
        {fields.map((f) => (
          <li key={f.id}>
            <button type="button" className="kiosk-choice" disabled={busy} onClick={() => onPick(f.id)}>
              <span className="kiosk-field-letter">{f.letter}</span>
              <span className="sr-only"> – </span>
              {f.name}
              {f.procedures ? (
                <small className="kiosk-field-procedures">
                  <span className="sr-only">. </span>
                  {f.procedures}
                </small>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      <div className="kiosk-actions">
        <button type="button" className="kiosk-button" onClick={onBack}>
          {t('kiosk.back')}
        </button>
      </div>
    </>
  );
}

/** What went wrong, in words for the person at the kiosk. */
function kioskError(error: unknown, t: TFunction): string {
  const opensAt = checkInOpensAt(error);
  if (opensAt) return t('kiosk.tooEarly', { time: formatTime(opensAt) });
  // A scanned code of another shape than the server knows is, for the person, a code that does not exist.
  if (hasCode(error, 'BOOKING_NOT_FOUND') || hasCode(error, 'VALIDATION_FAILED'))
    return t('kiosk.bookingNotFound');
  if (hasCode(error, 'RATE_LIMITED')) return t('kiosk.busy');
  return errorMessage(error);
}

import type { Centre, Ticket } from '@dltt/contracts';
import type { TFunction } from 'i18next';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../app/api';
import { formatTime } from '../../components/format';
import { useQuery } from '../../components/hooks';
import { KioskCodeScreen } from './KioskCode';
import { KioskTicket } from './KioskTicket';
import { publicQueueApi } from './queue.api';
import { checkInOpensAt, hasCode } from './queue.domain';
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
    go('start');
  }, [go]);

  // Each screen announces itself: focus moves to its heading (screen readers, and a clean start for typing).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the screen changes
  useEffect(() => {
    heading.current?.focus();
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

  const issue = async (request: () => Promise<Ticket>) => {
    setBusy(true);
    setError(undefined);
    try {
      setTicket(await request());
      setScreen('ticket');
    } catch (e) {
      setError(kioskError(e, t));
    } finally {
      setBusy(false);
    }
  };

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
          <KioskTicket ticket={ticket} headingRef={heading} onDone={restart} />
        ) : screen === 'code' ? (
          <KioskCodeScreen
            headingRef={heading}
            busy={busy}
            error={error}
            onSubmit={(code) => void issue(() => publicQueueApi.checkIn(centreId, code))}
            onBack={() => go('start')}
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
  if (hasCode(error, 'BOOKING_NOT_FOUND')) return t('kiosk.bookingNotFound');
  if (hasCode(error, 'RATE_LIMITED')) return t('kiosk.busy');
  return errorMessage(error);
}

import type { Board, CounterState, Ticket } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { FormError } from '../../components/Fields.tsx';
import { useQuery } from '../../components/hooks.ts';
import { Page } from '../../components/Page.tsx';
import { Notice } from '../../components/States.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { counterApi, publicQueueApi } from './queue.api.ts';
import { formatDuration } from './queue.domain.ts';
import { TransferDialog } from './TransferDialog.tsx';
import { useBoardStream } from './useBoardStream.ts';

interface CounterDeskProps {
  state: CounterState;
  onChange(state: CounterState): void;
  /** After leaving the counter (its number, for the notice). */
  onLeft(number: number): void;
}

type Open = 'transfer' | 'leave' | null;

/**
 * The counter screen: the person being served (number, field, kind, priority, time since the call), the
 * calling buttons, who waits for this counter's fields (live, from the centre's board stream) and check-in of
 * a booking code. F2 calls the next number from anywhere on the page.
 */
export function CounterDesk({ state, onChange, onLeft }: CounterDeskProps) {
  const { t } = useTranslation();
  const { counter, current } = state;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'neutral' }>({ text: '', tone: 'ok' });
  const say = useCallback((text: string, tone: 'ok' | 'neutral' = 'ok') => setNotice({ text, tone }), []);
  const [open, setOpen] = useState<Open>(null);
  const [waiting, setWaiting] = useState(state.waiting);
  const [next, setNext] = useState(state.next);
  const callButton = useRef<HTMLButtonElement>(null);
  // The buttons for the current person go away with them: keyboard focus goes on to "Gọi số tiếp theo".
  const focusCall = useCallback(() => setTimeout(() => callButton.current?.focus()), []);
  const centre = useQuery(
    useCallback((signal: AbortSignal) => publicQueueApi.centre(counter.centreId, signal), [counter.centreId]),
  );

  useEffect(() => setWaiting(state.waiting), [state.waiting]);
  useEffect(() => setNext(state.next), [state.next]);
  const fieldIds = counter.fieldIds;
  const onBoard = useCallback(
    (board: Board) => {
      setWaiting(board.waiting.filter((w) => fieldIds.includes(w.fieldId)));
      // The board carries counts only; the order of the numbers is the server's, read again after a change.
      counterApi.state().then(
        (s) => setNext(s.next),
        () => {},
      );
    },
    [fieldIds],
  );
  useBoardStream(counter.centreId, onBoard);

  const run = useCallback(
    async (action: () => Promise<CounterState>, done: (next: CounterState) => string) => {
      setBusy(true);
      setError(undefined);
      say('');
      try {
        const next = await action();
        onChange(next);
        say(done(next));
        if (!next.current) focusCall();
      } catch (e) {
        // "Nobody is waiting" is the ordinary state of a quiet counter, not a failure: said plainly, not in red.
        if (e instanceof ApiError && e.code === 'QUEUE_EMPTY') say(t('counter.queueEmpty'), 'neutral');
        else setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [onChange, focusCall, say, t],
  );

  const callNext = useCallback(
    () =>
      run(counterApi.callNext, (next) =>
        !next.current
          ? ''
          : next.current.id === current?.id
            ? t('counter.calledAgainDone', { number: next.current.display })
            : t('counter.calledDone', { number: next.current.display }),
      ),
    [run, t, current?.id],
  );

  // F2 calls the next number, wherever the focus is, unless a dialog is open or a call is on its way.
  const shortcut = useRef({ busy, callNext });
  shortcut.current = { busy, callNext };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F2' || event.repeat) return;
      event.preventDefault();
      if (shortcut.current.busy || document.querySelector('dialog[open]')) return;
      void shortcut.current.callNext();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const setPriority = async (ticket: Ticket) => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await counterApi.setPriority(ticket.id, !ticket.priority);
      onChange({ ...state, current: updated });
      say(
        t(updated.priority ? 'counter.priorityOnDone' : 'counter.priorityOffDone', {
          number: updated.display,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    await counterApi.leave();
    onLeft(counter.number);
  };

  const fieldName = (id: string) => centre.data?.fields.find((f) => f.id === id)?.name ?? '';
  const title = t('counter.counterNumber', { number: counter.number });
  return (
    <Page
      title={title}
      actions={
        <button
          type="button"
          className="button"
          onClick={() => (current ? setOpen('leave') : void leave().catch((e) => setError(errorMessage(e))))}
        >
          {t('counter.leave')}
        </button>
      }
    >
      <p className="lead">
        {counter.name ? `${counter.name} · ` : ''}
        {counter.centreName}
      </p>
      <Notice text={notice.text} tone={notice.tone} />
      <FormError message={error} />
      <div className="desk">
        <section className="desk-current card" aria-labelledby="desk-current">
          <h2 id="desk-current">{t('counter.current')}</h2>
          {current ? <CurrentTicket ticket={current} /> : <p className="desk-idle">{t('counter.nobody')}</p>}
          <div className="desk-actions">
            <button
              ref={callButton}
              type="button"
              className="button button-primary desk-call"
              disabled={busy}
              aria-keyshortcuts="F2"
              onClick={() => void callNext()}
            >
              {t('counter.callNext')}
            </button>
            <p className="hint">{t('counter.shortcutHint')}</p>
            {current && !current.confirmed ? (
              <div className="desk-unconfirmed">
                <p className="hint">{t('counter.unconfirmedHint')}</p>
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() =>
                    void run(counterApi.confirm, () =>
                      t('counter.confirmedDone', { number: current.display }),
                    )
                  }
                >
                  {t('counter.confirm')}
                </button>
              </div>
            ) : null}
            {current ? (
              <div className="desk-secondary">
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() =>
                    void run(counterApi.recall, () => t('counter.recalledDone', { number: current.display }))
                  }
                >
                  {t('counter.recall')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() =>
                    void run(counterApi.served, () => t('counter.servedDone', { number: current.display }))
                  }
                >
                  {t('counter.served')}
                </button>
                <button
                  type="button"
                  className="button button-danger-outline"
                  disabled={busy}
                  onClick={() =>
                    void run(counterApi.absent, () => t('counter.absentDone', { number: current.display }))
                  }
                >
                  {t('counter.absent')}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => setOpen('transfer')}>
                  {t('counter.transfer')}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-pressed={current.priority}
                  disabled={busy}
                  onClick={() => void setPriority(current)}
                >
                  {t('counter.priority')}
                </button>
              </div>
            ) : null}
          </div>
        </section>
        <section className="desk-waiting card" aria-labelledby="desk-waiting">
          <h2 id="desk-waiting">{t('counter.waiting')}</h2>
          {waiting.length === 0 ? (
            <p>{t('counter.noFields')}</p>
          ) : (
            <ul className="desk-waiting-list">
              {waiting.map((w) => (
                <li key={w.fieldId}>
                  <span className="queue-letter" aria-hidden="true">
                    {w.letter}
                  </span>
                  <span className="desk-waiting-field">{w.fieldName}</span>
                  <strong>{t('counter.people', { n: w.count })}</strong>
                </li>
              ))}
            </ul>
          )}
          <h3 id="desk-next">{t('counter.nextTitle')}</h3>
          {next.length === 0 ? (
            <p>{t('counter.nextEmpty')}</p>
          ) : (
            <>
              <p className="hint">{t('counter.nextHint')}</p>
              <ol className="desk-next-list" aria-labelledby="desk-next">
                {next.map((n) => (
                  <li key={n.id}>
                    <strong className="desk-next-number">{n.display}</strong>
                    <span className="badge">{t(KIND_LABEL[n.kind])}</span>
                    {n.priority ? (
                      <span className="badge badge-warn">{t('counter.priorityBadge')}</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </>
          )}
          <CheckInForm onCheckedIn={say} />
        </section>
      </div>
      {open === 'transfer' && current ? (
        <TransferDialog
          ticket={current}
          fields={(centre.data?.fields ?? []).filter((f) => f.active && f.id !== current.fieldId)}
          onCancel={() => setOpen(null)}
          onTransfer={async (fieldId) => {
            const next = await counterApi.transfer(fieldId);
            setOpen(null);
            onChange(next);
            focusCall();
            say(t('counter.transferredDone', { number: current.display, field: fieldName(fieldId) }));
          }}
        />
      ) : null}
      {open === 'leave' && current ? (
        <ConfirmDialog title={t('counter.leaveTitle')} onCancel={() => setOpen(null)} onConfirm={leave}>
          <p>{t('counter.leaveBody', { number: current.display })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

const KIND_LABEL = {
  appointment: 'counter.kindAppointment',
  walk_in: 'counter.kindWalkIn',
  remote: 'counter.kindRemote',
} as const satisfies Record<Ticket['kind'], string>;

function CurrentTicket({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const now = useNow(ticket.calledAt !== null);
  return (
    <div className="desk-ticket">
      <p className="desk-number">{ticket.display}</p>
      <p className="desk-field">{ticket.fieldName}</p>
      <p className="desk-badges">
        <span className="badge badge-on">{t(KIND_LABEL[ticket.kind])}</span>
        {ticket.priority ? <span className="badge badge-warn">{t('counter.priorityBadge')}</span> : null}
        {ticket.confirmed ? null : <span className="badge badge-warn">{t('counter.unconfirmed')}</span>}
      </p>
      {ticket.calledAt ? (
        <p className="desk-timer">
          {t('counter.serviceTime')}{' '}
          <span role="timer" className="desk-timer-value">
            {formatDuration(now - Date.parse(ticket.calledAt))}
          </span>
        </p>
      ) : null}
    </div>
  );
}

/** The current time in ms, every second while `running`. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

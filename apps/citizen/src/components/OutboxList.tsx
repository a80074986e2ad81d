import './outbox.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Button } from 'zmp-ui';
import { ApiError } from '../app/api.ts';
import { removeEntry, sendNow } from '../lib/outbox/outbox.ts';
import type { OutboxEntry, OutboxKind } from '../lib/outbox/types.ts';
import type { OutboxView } from '../lib/outbox/useOutbox.ts';
import { Icon } from './Icon.tsx';
import { errorText } from './RequestStatus.tsx';

/** What the feature offers for an entry the server refused: its label and what it does (open it again). */
export interface ReopenAction {
  label: string;
  run: (entry: OutboxEntry) => void | Promise<void>;
}

/**
 * The entries of one kind (`view`, from useOutbox) that have not reached the server: "Đang chờ gửi" with "Gửi ngay", or "Không gửi
 * được" with the server's reason, a way to open it again and to delete it (after a confirmation); and those
 * sent during this visit, with their code. Shown at the top of "my reports" and "my bookings".
 */
export function OutboxList({
  kind,
  view,
  reopen,
}: {
  kind: OutboxKind;
  view: OutboxView;
  reopen: ReopenAction;
}) {
  const { t } = useTranslation();
  const { entries, sending, sent } = view;
  if (entries.length === 0 && sent.length === 0) return null;
  return (
    <section className="outbox" aria-labelledby={`outbox-${kind}`}>
      <h2 id={`outbox-${kind}`} className="outbox-heading">
        {t('outbox.heading')}
      </h2>
      <ul className="outbox-list">
        {entries.map((entry) => (
          <EntryCard key={entry.id} entry={entry} sending={sending.has(entry.id)} reopen={reopen} />
        ))}
        {sent.map((entry) => (
          <li key={entry.id} className="outbox-card outbox-card-sent" data-testid="outbox-sent">
            <p className="outbox-title">{entry.summary.title}</p>
            <p className="outbox-state outbox-state-sent">
              <Icon name="check" size={22} />
              {t('outbox.sent')}
            </p>
            <p>
              {t('outbox.code')} <strong className="outbox-code">{entry.result.code}</strong>
            </p>
            <Link className="outbox-link" to={entry.result.path}>
              {t('outbox.view')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EntryCard({
  entry,
  sending,
  reopen,
}: {
  entry: OutboxEntry;
  sending: boolean;
  reopen: ReopenAction;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [offline, setOffline] = useState(false);
  const refused = entry.state === 'refused';
  const error = entry.lastError
    ? errorText(new ApiError(entry.lastError.code, entry.lastError.message, entry.lastError.status), t)
    : null;

  const sendAgain = () => {
    setOffline(!navigator.onLine);
    void sendNow(entry.id);
  };

  return (
    <li className={`outbox-card${refused ? ' outbox-card-refused' : ''}`} data-testid="outbox-entry">
      <p className="outbox-title">{entry.summary.title}</p>
      {entry.summary.lines.map((line) => (
        <p key={line} className="outbox-line">
          {line}
        </p>
      ))}
      <p className={`outbox-state outbox-state-${refused ? 'refused' : 'pending'}`}>
        <Icon name={refused ? 'alert' : 'clock'} size={22} />
        {refused ? t('outbox.refused') : sending ? t('outbox.sending') : t('outbox.pending')}
      </p>
      {refused ? (
        <>
          {error && <p role="alert">{error}</p>}
          {confirming ? (
            <div className="outbox-confirm">
              <p role="status">{t('outbox.deleteQuestion')}</p>
              <div className="outbox-actions">
                <Button
                  variant="secondary"
                  size="large"
                  prefixIcon={<Icon name="trash" />}
                  onClick={() => void removeEntry(entry.id)}
                >
                  {t('outbox.deleteYes')}
                </Button>
                <Button variant="tertiary" size="large" onClick={() => setConfirming(false)}>
                  {t('outbox.deleteNo')}
                </Button>
              </div>
            </div>
          ) : (
            <div className="outbox-actions">
              <Button size="large" prefixIcon={<Icon name="edit" />} onClick={() => void reopen.run(entry)}>
                {reopen.label}
              </Button>
              <Button
                variant="tertiary"
                size="large"
                prefixIcon={<Icon name="trash" />}
                onClick={() => setConfirming(true)}
              >
                {t('outbox.delete')}
              </Button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="outbox-hint">{t('outbox.pendingHint')}</p>
          {error && entry.attempts > 0 && <p className="outbox-hint">{t('outbox.lastTry', { error })}</p>}
          {offline && (
            <p className="outbox-hint" role="status">
              {t('outbox.stillOffline')}
            </p>
          )}
          <Button
            variant="secondary"
            size="large"
            disabled={sending}
            prefixIcon={<Icon name="send" />}
            onClick={sendAgain}
          >
            {sending ? t('outbox.sending') : t('outbox.sendNow')}
          </Button>
        </>
      )}
    </li>
  );
}

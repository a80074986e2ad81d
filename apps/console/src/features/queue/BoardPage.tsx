import type { Board } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatTime } from '../../components/format.ts';
import i18n from '../../i18n/index.ts';
import { type Announcer, createAnnouncer } from './announcer.ts';
import { spokenNumber } from './queue.domain.ts';
import { type Connection, useBoardStream } from './useBoardStream.ts';
import './board.css';

type Call = Board['lastCalls'][number];

/** A call is identified by number, counter and time: a recall changes the time, so it is announced again. */
const callKey = (c: Call) => `${c.display}@${c.counterNumber}@${c.at}`;
/** After a long disconnection only the latest few calls are read out, not the whole backlog. */
const MAX_CATCH_UP = 3;
const REMEMBERED_CALLS = 100;
/** How long the counter of a new call stands out. */
const FLASH_MS = 15_000;

/**
 * Decides which calls of each board are new, so every call is announced exactly once: the calls present when
 * the board opens are history; a board whose `version` did not change (a reconnection, a waiting count) adds
 * nothing; otherwise every call not seen before and not older than the newest seen is new, oldest first.
 */
function createCallTracker() {
  let version: string | null = null;
  let seen: string[] | null = null;
  let newest = 0;
  return (board: Board): Call[] => {
    if (board.version === version) return [];
    version = board.version;
    const known = new Set(seen ?? []);
    const first = seen === null;
    const fresh = first
      ? []
      : board.lastCalls
          .filter((c) => !known.has(callKey(c)) && Date.parse(c.at) >= newest)
          .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
          .slice(-MAX_CATCH_UP);
    seen = [...(seen ?? []), ...board.lastCalls.map(callKey).filter((k) => !known.has(k))].slice(
      -REMEMBERED_CALLS,
    );
    for (const c of board.lastCalls) newest = Math.max(newest, Date.parse(c.at) || 0);
    return fresh;
  };
}

/** The centre's TV: who is served at each counter, the last calls, who waits; announces calls aloud. */
export function BoardPage() {
  const { t } = useTranslation();
  const { centreId = '' } = useParams();
  const announcer = useRef<Announcer | null>(null);
  const [tracker] = useState(createCallTracker);
  const [soundOn, setSoundOn] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);

  useEffect(() => {
    const created = createAnnouncer();
    announcer.current = created;
    return () => created.dispose();
  }, []);

  const onBoard = useCallback(
    (board: Board) => {
      const fresh = tracker(board);
      const vi = i18n.getFixedT('vi');
      for (const call of fresh) {
        announcer.current?.say(
          vi('board.announce', { number: spokenNumber(call.display), counter: call.counterNumber }),
        );
      }
      const latest = fresh.at(-1);
      if (latest) setFlash(callKey(latest));
    },
    [tracker],
  );

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  const { board, connection, notFound } = useBoardStream(centreId, onBoard);
  const now = useClock();

  useEffect(() => {
    document.title = board ? t('board.documentTitle', { name: board.centreName }) : t('board.title');
  }, [board, t]);

  const enableSound = () => {
    setSoundOn(true);
    void announcer.current?.enable(i18n.getFixedT('vi')('board.soundTest'));
  };

  const fullScreen = () => {
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  if (notFound) {
    return (
      <main className="board board-message">
        <h1>{t('board.notFound')}</h1>
      </main>
    );
  }

  const newest = board?.lastCalls[0];
  return (
    <div className="board">
      <header className="board-head">
        <h1 className="board-title">{board?.centreName ?? t('board.title')}</h1>
        <p className="board-clock">
          <span className="sr-only">{t('board.clock')}: </span>
          <time dateTime={now.toISOString()}>{formatTime(now.toISOString())}</time>
        </p>
        <ConnectionBadge connection={connection} />
      </header>
      {board ? (
        <main className="board-main">
          <section className="board-serving" aria-labelledby="board-serving">
            <h2 id="board-serving">{t('board.serving')}</h2>
            <ul className="board-counters">
              {board.counters.map((c) => (
                <li
                  key={c.number}
                  className={
                    newest && flash === callKey(newest) && newest.counterNumber === c.number
                      ? 'board-counter board-counter-new'
                      : 'board-counter'
                  }
                >
                  <span className="board-counter-label">
                    {t('board.counter', { number: c.number })}
                    {c.name ? <span className="board-counter-name">{c.name}</span> : null}
                  </span>
                  <span className="board-counter-number">
                    {c.current ?? (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">{t('board.nobody')}</span>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section className="board-calls" aria-labelledby="board-calls">
            <h2 id="board-calls">{t('board.lastCalls')}</h2>
            {board.lastCalls.length === 0 ? (
              <p className="board-empty">{t('board.noCalls')}</p>
            ) : (
              <ol className="board-call-list">
                {board.lastCalls.map((c, i) => (
                  <li key={callKey(c)} className={i === 0 ? 'board-call board-call-newest' : 'board-call'}>
                    <span className="board-call-number">{c.display}</span>
                    <span className="board-call-counter">
                      {t('board.toCounter', { number: c.counterNumber })}
                    </span>
                    <time className="board-call-time" dateTime={c.at}>
                      {formatTime(c.at)}
                    </time>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="board-waiting" aria-labelledby="board-waiting">
            <h2 id="board-waiting">{t('board.waiting')}</h2>
            <ul className="board-waiting-list">
              {board.waiting.map((w) => (
                <li key={w.fieldId}>
                  <span className="board-letter" aria-hidden="true">
                    {w.letter}
                  </span>
                  <span className="board-field">{w.fieldName}</span>
                  <span className="board-waiting-count">{t('board.people', { n: w.count })}</span>
                </li>
              ))}
            </ul>
          </section>
        </main>
      ) : (
        <main className="board-main board-loading">
          <p role="status">{t('board.connecting')}</p>
        </main>
      )}
      <footer className="board-foot">
        {soundOn ? (
          <p className="board-sound-on">{t('board.soundOn')}</p>
        ) : (
          <button type="button" className="board-sound-button" onClick={enableSound}>
            {t('board.enableSound')}
          </button>
        )}
        {document.fullscreenEnabled ? (
          <button type="button" className="board-small-button" onClick={fullScreen}>
            {t('board.fullScreen')}
          </button>
        ) : null}
      </footer>
    </div>
  );
}

function ConnectionBadge({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  return (
    <p className={`board-connection board-connection-${connection}`} role="status">
      <span className="board-dot" aria-hidden="true" />
      {t(`board.connection.${connection}`)}
    </p>
  );
}

/** The time, refreshed every few seconds (the board shows minutes). */
function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 5_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

import type { Board } from '@dltt/contracts';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { publicQueueApi } from './queue.api.ts';

/** live: events arrive; reconnecting: the browser is retrying; offline: the stream failed, we retry later. */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** How long to wait before opening a stream the server refused (restart, 503) again. */
const REOPEN_MS = 5_000;

export interface BoardStream {
  board: Board | undefined;
  connection: Connection;
  /** Set when the centre does not exist (404): retrying will not help. */
  notFound: boolean;
}

/**
 * A centre's display board, live over Server-Sent Events. EventSource reconnects by itself after a dropped
 * connection; a refused one (an answer that is not an event stream) closes it for good, so it is opened again
 * after a pause. Every connection starts with the whole board, so nothing is missed while offline.
 * `onBoard` runs for every board received, in order.
 */
export function useBoardStream(centreId: string | undefined, onBoard?: (board: Board) => void): BoardStream {
  const [board, setBoard] = useState<Board>();
  const [connection, setConnection] = useState<Connection>('connecting');
  const [notFound, setNotFound] = useState(false);
  const onBoardRef = useRef(onBoard);
  onBoardRef.current = onBoard;

  useEffect(() => {
    if (!centreId) return;
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const open = () => {
      const es = new EventSource(publicQueueApi.boardStreamUrl(centreId));
      source = es;
      es.addEventListener('open', () => setConnection('live'));
      es.addEventListener('board', (event) => {
        const next = JSON.parse((event as MessageEvent<string>).data) as Board;
        setConnection('live');
        setBoard(next);
        onBoardRef.current?.(next);
      });
      es.addEventListener('error', () => {
        if (es.readyState !== EventSource.CLOSED) {
          setConnection('reconnecting');
          return;
        }
        es.close();
        source = null;
        setConnection('offline');
        // Ask the plain endpoint why: an unknown centre stops the retries, anything else is retried.
        publicQueueApi.board(centreId).then(
          () => undefined,
          (error: unknown) => {
            if (stopped || !(error instanceof ApiError) || error.status !== 404) return;
            clearTimeout(reopen);
            setNotFound(true);
          },
        );
        if (!stopped) reopen = setTimeout(open, REOPEN_MS);
      });
    };

    setNotFound(false);
    setConnection('connecting');
    open();
    return () => {
      stopped = true;
      clearTimeout(reopen);
      source?.close();
    };
  }, [centreId]);

  return { board, connection, notFound };
}

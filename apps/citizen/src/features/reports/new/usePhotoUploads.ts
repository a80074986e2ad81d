import { shrinkPhoto } from '@dltt/photo-resize';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { keepPhotos, loadKeptPhotos } from '../../../lib/outbox/outbox.ts';
import { DRAFT_PHOTOS_KEY, type DraftPhoto } from '../report-draft.ts';
import { MAX_REPORT_PHOTOS } from '../report-format.ts';
import { uploadPhoto } from '../reports.api.ts';

export interface PhotoItem {
  key: string;
  /** `waiting`: not uploaded for lack of network; it goes with the report (the outbox uploads it). */
  status: 'uploading' | 'failed' | 'waiting' | 'done';
  /** 0..1 while uploading. */
  progress: number;
  /** The picked file (kept for a retry); null for photos restored from a saved draft. */
  file: File | null;
  /** A local preview of the picked file; restored photos are shown from the server instead. */
  preview: string | null;
  error: ApiError | null;
  uploaded: DraftPhoto | null;
}

/** Shrunk to 1600 px on the phone first (the original if that fails); a photo removed meanwhile is not sent. */
const shrinkAndUpload = (file: File, onProgress: (fraction: number) => void, signal: AbortSignal) =>
  shrinkPhoto(file).then((small) => {
    signal.throwIfAborted();
    return uploadPhoto(small, onProgress, signal);
  });

let counter = 0;
const nextKey = () => `photo-${Date.now()}-${++counter}`;

const asApiError = (error: unknown) =>
  error instanceof ApiError
    ? error
    : new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : '');

/** No answer came back: the photo waits for the network instead of failing. */
const noNetwork = (error: ApiError) => error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT';
const offline = () => navigator.onLine === false;

/**
 * The photos of the report being written. Each picked photo starts uploading at once with its own progress;
 * a failed one keeps its file for "Thử lại". Without network a photo waits (its file kept, on the phone too)
 * and uploads when the connection returns; a report sent meanwhile takes it along into the outbox. Finished
 * uploads are passed to `onUploaded` in the order the person picked them (the order the report shows them in).
 */
export function usePhotoUploads(restored: DraftPhoto[], onUploaded: (photos: DraftPhoto[]) => void) {
  const [items, setItems] = useState<PhotoItem[]>(() =>
    restored.map((uploaded) => ({
      key: uploaded.id,
      status: 'done',
      progress: 1,
      file: null,
      preview: null,
      error: null,
      uploaded,
    })),
  );
  const uploads = useRef(new Map<string, AbortController>());
  const report = useRef(onUploaded);
  report.current = onUploaded;
  const lastReported = useRef(restored.map((p) => p.id).join());

  useEffect(() => {
    const done = items.flatMap((item) => (item.uploaded ? [item.uploaded] : []));
    const ids = done.map((p) => p.id).join();
    if (ids === lastReported.current) return;
    lastReported.current = ids;
    report.current(done);
  }, [items]);

  // Leaving the page cancels what is still uploading and frees the previews.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(
    () => () => {
      for (const controller of uploads.current.values()) controller.abort();
      for (const item of itemsRef.current) if (item.preview) URL.revokeObjectURL(item.preview);
    },
    [],
  );

  const patch = useCallback((key: string, change: Partial<PhotoItem>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (key: string, file: File) => {
      if (offline()) {
        patch(key, { status: 'waiting', progress: 0, error: null });
        return;
      }
      const controller = new AbortController();
      uploads.current.set(key, controller);
      patch(key, { status: 'uploading', progress: 0, error: null });
      shrinkAndUpload(file, (progress) => patch(key, { progress }), controller.signal).then(
        (uploaded) => {
          uploads.current.delete(key);
          patch(key, { status: 'done', progress: 1, uploaded });
        },
        (error: unknown) => {
          uploads.current.delete(key);
          if (controller.signal.aborted) return;
          const failure = asApiError(error);
          patch(
            key,
            noNetwork(failure) ? { status: 'waiting', error: null } : { status: 'failed', error: failure },
          );
        },
      );
    },
    [patch],
  );

  const add = useCallback(
    (files: File[]) => {
      const room = Math.max(0, MAX_REPORT_PHOTOS - itemsRef.current.length);
      const added = files.slice(0, room).map<PhotoItem>((file) => ({
        key: nextKey(),
        status: 'uploading',
        progress: 0,
        file,
        preview: URL.createObjectURL(file),
        error: null,
        uploaded: null,
      }));
      setItems((list) => [...list, ...added]);
      for (const item of added) if (item.file) start(item.key, item.file);
    },
    [start],
  );

  const retry = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((i) => i.key === key);
      if (item?.file) start(key, item.file);
    },
    [start],
  );

  // Back online: the waiting photos upload now.
  useEffect(() => {
    const resume = () => {
      for (const item of itemsRef.current)
        if (item.status === 'waiting' && item.file) start(item.key, item.file);
    };
    window.addEventListener('online', resume);
    return () => window.removeEventListener('online', resume);
  }, [start]);

  // Photos not on the server yet (waiting, or on their way: a 3G upload takes minutes) are kept in IndexedDB
  // whenever their list changes, once the kept ones were read back.
  const [keptRead, setKeptRead] = useState(false);
  const keptKeys = useRef('');
  useEffect(() => {
    if (!keptRead) return;
    const waiting = items.flatMap((i) =>
      (i.status === 'waiting' || i.status === 'uploading') && i.file ? [{ key: i.key, file: i.file }] : [],
    );
    const keys = waiting.map((p) => p.key).join();
    if (keys === keptKeys.current) return;
    keptKeys.current = keys;
    void keepPhotos(DRAFT_PHOTOS_KEY, waiting);
  }, [items, keptRead]);

  // The form opened again: the photos that were waiting come back, and upload at once when online.
  useEffect(() => {
    let live = true;
    void loadKeptPhotos(DRAFT_PHOTOS_KEY).then((kept) => {
      if (!live) return;
      keptKeys.current = kept.map((p) => p.key).join();
      const known = new Set(itemsRef.current.map((i) => i.key));
      const added = kept
        .filter((p) => !known.has(p.key))
        .map<PhotoItem>(({ key, file }) => ({
          key,
          status: 'waiting',
          progress: 0,
          file,
          preview: URL.createObjectURL(file),
          error: null,
          uploaded: null,
        }));
      setItems((list) => [...list, ...added]);
      setKeptRead(true);
      for (const item of added) if (item.file) start(item.key, item.file);
    });
    return () => {
      live = false;
    };
  }, [start]);

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    uploads.current.delete(key);
    const item = itemsRef.current.find((i) => i.key === key);
    if (item?.preview) URL.revokeObjectURL(item.preview);
    setItems((list) => list.filter((i) => i.key !== key));
  }, []);

  /** Forget every photo (the server no longer has them, e.g. a draft older than two days). */
  const reset = useCallback(() => {
    for (const controller of uploads.current.values()) controller.abort();
    uploads.current.clear();
    for (const item of itemsRef.current) if (item.preview) URL.revokeObjectURL(item.preview);
    setItems([]);
  }, []);

  return { items, add, retry, remove, reset };
}

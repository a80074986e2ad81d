import { createStore, del, get, set } from 'idb-keyval';

/**
 * Photos of a form that could not be uploaded yet (no network), kept in IndexedDB as they are until they are
 * uploaded, sent with the form into the outbox, or removed: a phone that closes the app meanwhile finds them
 * again with the rest of the draft. Platform storage holds only strings, so they cannot live in the draft itself.
 */
export interface KeptPhoto {
  key: string;
  file: File;
}

let store: ReturnType<typeof createStore> | null = null;
const photos = () => {
  store ??= createStore('dltt-draft-photos', 'photos');
  return store;
};

const isKept = (value: unknown): value is KeptPhoto =>
  typeof value === 'object' &&
  value !== null &&
  'key' in value &&
  typeof value.key === 'string' &&
  'file' in value &&
  value.file instanceof Blob;

/** The photos kept for `form` (e.g. 'report'); none when storage cannot be read. */
export async function loadKeptPhotos(form: string): Promise<KeptPhoto[]> {
  try {
    const saved = await get<unknown>(form, photos());
    return Array.isArray(saved) ? saved.filter(isKept) : [];
  } catch {
    return [];
  }
}

/** Replaces the photos kept for `form`; an empty list removes them. */
export async function keepPhotos(form: string, list: KeptPhoto[]): Promise<void> {
  try {
    if (list.length === 0) await del(form, photos());
    else await set(form, list, photos());
  } catch {
    // Not kept: they stay on the page for this visit.
  }
}

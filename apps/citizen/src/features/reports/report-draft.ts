import type { UploadedPhoto } from '@dltt/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { platform } from '../../platform/index.ts';

/**
 * The report being written, kept in platform storage on every change: a phone that runs out of battery or an
 * app that Zalo closes brings the person back to the same step. Only finished uploads are kept (a File cannot
 * be stored); the idempotency key stays the same until the report is sent, so a retry never files it twice.
 */
const DRAFT_KEY = 'report-draft';
/** Where the draft's photos not on the server yet are kept (lib/outbox/draft-photos.ts: Files, in IndexedDB). */
export const DRAFT_PHOTOS_KEY = 'report';

export const DRAFT_STEPS = ['category', 'photos', 'location', 'details'] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

export type DraftPhoto = UploadedPhoto;

export interface DraftLocation {
  lat: number;
  lng: number;
  /** Metres; null when the person placed the pin themselves. */
  accuracy: number | null;
  source: 'gps' | 'map';
}

export interface ReportDraft {
  version: 1;
  idempotencyKey: string;
  step: DraftStep;
  categoryId: string | null;
  photos: DraftPhoto[];
  location: DraftLocation | null;
  /** Chosen only when the server asks for it (COMMUNE_REQUIRED). */
  communeCode: string | null;
  address: string;
  description: string;
  contactPhone: string;
  hideIdentity: boolean;
  consent: boolean;
}

export function newDraft(categoryId: string | null = null): ReportDraft {
  return {
    version: 1,
    idempotencyKey: newIdempotencyKey(),
    step: categoryId ? 'photos' : 'category',
    categoryId,
    photos: [],
    location: null,
    communeCode: null,
    address: '',
    description: '',
    contactPhone: '',
    hideIdentity: true,
    consent: false,
  };
}

/**
 * The draft to go on with when the wizard opens: the saved one, else a new one. A category tile tapped while a
 * draft exists keeps what was written and takes the new category (moving past the category step).
 */
export function resumeDraft(saved: ReportDraft | null, categoryId: string | null): ReportDraft {
  if (!saved) return newDraft(categoryId);
  if (!categoryId) return saved;
  return { ...saved, categoryId, step: saved.step === 'category' ? 'photos' : saved.step };
}

function isDraft(value: unknown): value is ReportDraft {
  return (
    typeof value === 'object' &&
    value !== null &&
    'version' in value &&
    value.version === 1 &&
    'idempotencyKey' in value &&
    typeof value.idempotencyKey === 'string' &&
    'step' in value &&
    (DRAFT_STEPS as readonly unknown[]).includes(value.step) &&
    'photos' in value &&
    Array.isArray(value.photos)
  );
}

/** The saved draft, or null (nothing saved, or saved by an older version of the app). */
export async function loadDraft(): Promise<ReportDraft | null> {
  const saved = await platform.storage.getItem<unknown>(DRAFT_KEY).catch(() => null);
  return isDraft(saved) ? saved : null;
}

export function saveDraft(draft: ReportDraft): Promise<void> {
  return platform.storage.setItem(DRAFT_KEY, draft).catch(() => undefined);
}

export function clearDraft(): Promise<void> {
  return platform.storage.removeItem(DRAFT_KEY).catch(() => undefined);
}

/** True when the draft holds something the person would not like to lose. */
export function draftHasContent(draft: ReportDraft): boolean {
  return draft.photos.length > 0 || draft.description.trim() !== '' || draft.location !== null;
}

export type DraftState = { status: 'loading' } | { status: 'ready'; draft: ReportDraft };

/**
 * The draft in React state, saved on every change. `startCategoryId` (read once, on mount) is the category
 * tile the person tapped to get here, if any.
 */
export function useReportDraft(startCategoryId: string | null) {
  const [state, setState] = useState<DraftState>({ status: 'loading' });
  const current = useRef<ReportDraft | null>(null);
  const start = useRef(startCategoryId);

  useEffect(() => {
    let cancelled = false;
    const categoryId = start.current;
    void loadDraft().then((saved) => {
      if (cancelled) return;
      const draft = resumeDraft(saved, categoryId);
      current.current = draft;
      setState({ status: 'ready', draft });
      void saveDraft(draft);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  /** Applies a change to the latest draft (safe from async callbacks such as finished uploads). */
  const update = useCallback(
    (change: Partial<ReportDraft> | ((draft: ReportDraft) => Partial<ReportDraft>)) => {
      const before = current.current;
      if (!before) return;
      const draft = { ...before, ...(typeof change === 'function' ? change(before) : change) };
      current.current = draft;
      setState({ status: 'ready', draft });
      void saveDraft(draft);
    },
    [],
  );

  /** Throws the draft away (after sending, or when the person starts over). */
  const discard = useCallback(async (next: ReportDraft | null = null) => {
    current.current = next;
    if (next) {
      setState({ status: 'ready', draft: next });
      await saveDraft(next);
    } else {
      await clearDraft();
    }
  }, []);

  return { state, update, discard };
}

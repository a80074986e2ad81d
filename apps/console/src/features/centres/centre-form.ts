import type { Centre, CentreBody, ServiceField } from '@dltt/contracts';
import { FIELD_PROCEDURES_MAX } from '@dltt/contracts/constants';
import type { TFunction } from 'i18next';
import { CODE_PATTERN } from '../../app/domain.ts';
import type { AgencyRef } from '../../components/AgencyPicker.tsx';

/*
 * The form's working copy of a centre and the checks CentreBody makes on the server, so mistakes show
 * beside the field (in Vietnamese) before the server refuses the whole configuration.
 */

/** ISO weekdays: 1 = Thứ Hai … 7 = Chủ nhật. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** The working week the "apply to Monday–Friday" helper copies Monday's sessions to. */
export const WORKWEEK: readonly Weekday[] = [2, 3, 4, 5];

/** The contract's limits (CentreBody). */
export const LIMITS = {
  name: 200,
  address: 300,
  bookingDays: [1, 60],
  walkInInterleave: [1, 20],
  sessions: 28,
  fields: 26,
  fieldName: 200,
  fieldProcedures: FIELD_PROCEDURES_MAX,
  slotMinutes: [5, 240],
  capacity: [1, 100],
  remoteDailyCap: [1, 999],
  counters: 100,
  counterNumber: [1, 999],
  counterName: 100,
} as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LETTER = /^[A-Z]$/;
const INTEGER = /^\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface SessionDraft {
  uid: string;
  start: string;
  end: string;
}

export type WeekDraft = Record<Weekday, SessionDraft[]>;

export interface FieldDraft {
  uid: string;
  /** Set once the field is stored: its code can no longer change (the server matches fields by code). */
  saved: boolean;
  code: string;
  name: string;
  letter: string;
  slotMinutes: string;
  /** 'counters' = as many places per slot as active counters serve the field (capacity null). */
  capacityMode: 'counters' | 'fixed';
  capacity: string;
  /** Numbers citizens may take from the phone per day; empty = none. */
  remoteDailyCap: string;
  active: boolean;
  /** What the field covers, for citizens choosing it; blank = not said. */
  procedures: string;
}

export interface CounterDraft {
  uid: string;
  /** Set once the counter is stored: its number can no longer change (the server matches counters by number). */
  saved: boolean;
  number: string;
  name: string;
  active: boolean;
  /** The fields it serves, by the field drafts' uid (codes of new fields may still change). */
  fieldUids: string[];
}

export interface CentreDraft {
  code: string;
  name: string;
  address: string;
  lat: string;
  lng: string;
  agency: AgencyRef | null;
  bookingDays: string;
  walkInInterleave: string;
  active: boolean;
  sessions: WeekDraft;
  fields: FieldDraft[];
  counters: CounterDraft[];
}

/** Field errors keyed by the general field's name, or `${uid}:${field}` for a session, field or counter. */
export type DraftErrors = Record<string, string>;

let counter = 0;
/** A stable React key and DOM id for a row. */
export function newUid(prefix: 'session' | 'field' | 'counter'): string {
  counter += 1;
  return `centre-${prefix}-${counter}`;
}

export function newSession(start = '', end = ''): SessionDraft {
  return { uid: newUid('session'), start, end };
}

export function newField(): FieldDraft {
  return {
    uid: newUid('field'),
    saved: false,
    code: '',
    name: '',
    letter: '',
    slotMinutes: '15',
    capacityMode: 'counters',
    capacity: '',
    remoteDailyCap: '',
    active: true,
    procedures: '',
  };
}

export function newCounter(number: number): CounterDraft {
  return {
    uid: newUid('counter'),
    saved: false,
    number: String(number),
    name: '',
    active: true,
    fieldUids: [],
  };
}

function emptyWeek(): WeekDraft {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

/** A copy of one day's sessions with fresh uids (for another day). */
export function copySessions(list: readonly SessionDraft[]): SessionDraft[] {
  return list.map((s) => newSession(s.start, s.end));
}

/** A new centre: office hours Monday to Friday, to adjust; the contract's defaults for the rest. */
export function newCentreDraft(): CentreDraft {
  const sessions = emptyWeek();
  for (const day of [1, ...WORKWEEK] as const) {
    sessions[day] = [newSession('07:00', '11:30'), newSession('13:30', '17:00')];
  }
  return {
    code: '',
    name: '',
    address: '',
    lat: '',
    lng: '',
    agency: null,
    bookingDays: '14',
    walkInInterleave: '2',
    active: true,
    sessions,
    fields: [],
    counters: [],
  };
}

export function toDraft(centre: Centre, agency: AgencyRef): CentreDraft {
  const sessions = emptyWeek();
  const sorted = [...centre.sessions].sort((a, b) => a.start.localeCompare(b.start));
  for (const s of sorted) {
    const day = WEEKDAYS.find((w) => w === s.weekday);
    if (day) sessions[day].push(newSession(s.start, s.end));
  }
  const fields: FieldDraft[] = centre.fields.map((f) => ({
    uid: newUid('field'),
    saved: true,
    code: f.code,
    name: f.name,
    letter: f.letter,
    slotMinutes: String(f.slotMinutes),
    capacityMode: f.capacity === null ? 'counters' : 'fixed',
    capacity: f.capacity === null ? '' : String(f.capacity),
    remoteDailyCap: f.remoteDailyCap === null ? '' : String(f.remoteDailyCap),
    active: f.active,
    procedures: f.procedures ?? '',
  }));
  const uidOfCode = new Map(fields.map((f) => [f.code, f.uid]));
  return {
    code: centre.code,
    name: centre.name,
    address: centre.address ?? '',
    lat: centre.location ? String(centre.location.lat) : '',
    lng: centre.location ? String(centre.location.lng) : '',
    agency,
    bookingDays: String(centre.bookingDays),
    walkInInterleave: String(centre.walkInInterleave),
    active: centre.active,
    sessions,
    fields,
    counters: [...centre.counters]
      .sort((a, b) => a.number - b.number)
      .map((c) => ({
        uid: newUid('counter'),
        saved: true,
        number: String(c.number),
        name: c.name ?? '',
        active: c.active,
        fieldUids: c.fieldCodes.flatMap((code) => uidOfCode.get(code) ?? []),
      })),
  };
}

const normalCode = (code: string) => code.trim().toLowerCase();
/** "12,68" and "12.68" alike: decimal commas are what Vietnamese users type. */
const decimal = (value: string) => value.trim().replace(',', '.');

function integerIn(value: string, [min, max]: readonly [number, number]): number | null {
  const text = value.trim();
  if (!INTEGER.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/**
 * The order to send fields in. The server saves them one by one and a letter may belong to one field at a
 * time, so a field taking the letter another stored field gives up must come after that field. Fields that
 * swap letters with each other can never be saved in one go: they are returned as `stuck`.
 */
export function saveOrder(
  fields: readonly FieldDraft[],
  stored: readonly ServiceField[],
): { ordered: FieldDraft[]; stuck: FieldDraft[] } {
  const holder = new Map(stored.map((f) => [f.letter, f.code]));
  const rest = [...fields];
  const ordered: FieldDraft[] = [];
  for (;;) {
    const index = rest.findIndex((f) => {
      const owner = holder.get(f.letter.trim());
      return owner === undefined || owner === normalCode(f.code);
    });
    if (index < 0) break;
    const [next] = rest.splice(index, 1);
    if (!next) break;
    for (const [letter, code] of holder) if (code === normalCode(next.code)) holder.delete(letter);
    holder.set(next.letter.trim(), normalCode(next.code));
    ordered.push(next);
  }
  return { ordered, stuck: rest };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Every problem in the draft; empty when the server should accept it. `stored` is the centre as saved. */
export function validateDraft(draft: CentreDraft, stored: Centre | undefined, t: TFunction): DraftErrors {
  const errors: DraftErrors = {};
  const put = (key: string, message: string | undefined) => {
    if (message && !errors[key]) errors[key] = message;
  };
  const range = ([min, max]: readonly [number, number]) => t('validation.integerRange', { min, max });

  if (!stored && !CODE_PATTERN.test(normalCode(draft.code))) put('code', t('validation.code'));
  if (!draft.name.trim()) put('name', t('validation.required'));
  else if (draft.name.trim().length > LIMITS.name)
    put('name', t('validation.maxLength', { max: LIMITS.name }));
  if (draft.address.trim().length > LIMITS.address)
    put('address', t('validation.maxLength', { max: LIMITS.address }));
  checkLocation(draft, put, t);
  if (!draft.agency) put('agency', t('validation.chooseOne'));
  if (integerIn(draft.bookingDays, LIMITS.bookingDays) === null)
    put('bookingDays', range(LIMITS.bookingDays));
  if (integerIn(draft.walkInInterleave, LIMITS.walkInInterleave) === null)
    put('walkInInterleave', range(LIMITS.walkInInterleave));

  checkSessions(draft.sessions, put, t);
  checkFields(draft.fields, stored, put, t);

  if (draft.counters.length > LIMITS.counters)
    put('counters', t('centres.errors.tooManyCounters', { max: LIMITS.counters }));
  const numbers = countBy(draft.counters, (c) => String(Number(c.number.trim())));
  for (const c of draft.counters) {
    if (integerIn(c.number, LIMITS.counterNumber) === null)
      put(`${c.uid}:number`, range(LIMITS.counterNumber));
    else if ((numbers.get(String(Number(c.number.trim()))) ?? 0) > 1)
      put(`${c.uid}:number`, t('centres.errors.numberTaken'));
    if (c.name.trim().length > LIMITS.counterName)
      put(`${c.uid}:name`, t('validation.maxLength', { max: LIMITS.counterName }));
  }
  return errors;
}

type Put = (key: string, message: string | undefined) => void;

function checkLocation(draft: CentreDraft, put: Put, t: TFunction) {
  const lat = decimal(draft.lat);
  const lng = decimal(draft.lng);
  if (!lat && !lng) return;
  if (!lat) put('lat', t('centres.errors.bothCoordinates'));
  else if (!DECIMAL.test(lat) || Math.abs(Number(lat)) > 90) put('lat', t('centres.errors.lat'));
  if (!lng) put('lng', t('centres.errors.bothCoordinates'));
  else if (!DECIMAL.test(lng) || Math.abs(Number(lng)) > 180) put('lng', t('centres.errors.lng'));
}

function checkSessions(week: WeekDraft, put: Put, t: TFunction) {
  const total = WEEKDAYS.reduce((n, day) => n + week[day].length, 0);
  if (total > LIMITS.sessions) put('sessions', t('centres.errors.tooManySessions', { max: LIMITS.sessions }));
  for (const day of WEEKDAYS) {
    for (const s of week[day]) {
      if (!TIME.test(s.start)) put(`${s.uid}:start`, t('centres.errors.time'));
      if (!TIME.test(s.end)) put(`${s.uid}:end`, t('centres.errors.time'));
      else if (TIME.test(s.start) && s.end <= s.start) put(`${s.uid}:end`, t('centres.errors.endAfterStart'));
    }
    const valid = week[day]
      .filter((s) => TIME.test(s.start) && TIME.test(s.end) && s.end > s.start)
      .sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < valid.length; i += 1) {
      const previous = valid[i - 1];
      const current = valid[i];
      if (previous && current && current.start < previous.end)
        put(
          `${current.uid}:start`,
          t('centres.errors.overlap', { start: previous.start, end: previous.end }),
        );
    }
  }
}

function checkFields(fields: readonly FieldDraft[], stored: Centre | undefined, put: Put, t: TFunction) {
  const range = ([min, max]: readonly [number, number]) => t('validation.integerRange', { min, max });
  if (fields.length > LIMITS.fields) put('fields', t('centres.errors.tooManyFields', { max: LIMITS.fields }));
  const codes = countBy(fields, (f) => normalCode(f.code));
  const letters = countBy(fields, (f) => f.letter.trim());
  // Fields taken out of the form stay in the database, inactive, and keep their letter.
  const kept = new Set(fields.map((f) => normalCode(f.code)));
  const retired = (stored?.fields ?? []).filter((f) => !kept.has(f.code));
  let lettersOk = true;

  for (const f of fields) {
    const code = normalCode(f.code);
    const letter = f.letter.trim();
    if (!CODE_PATTERN.test(code)) put(`${f.uid}:code`, t('validation.code'));
    else if ((codes.get(code) ?? 0) > 1) put(`${f.uid}:code`, t('centres.errors.fieldCodeTaken'));
    if (!f.name.trim()) put(`${f.uid}:name`, t('validation.required'));
    else if (f.name.trim().length > LIMITS.fieldName)
      put(`${f.uid}:name`, t('validation.maxLength', { max: LIMITS.fieldName }));
    const holder = retired.find((r) => r.letter === letter);
    let letterError: string | undefined;
    if (!LETTER.test(letter)) letterError = t('centres.errors.letter');
    else if ((letters.get(letter) ?? 0) > 1) letterError = t('centres.errors.letterTaken');
    else if (holder) letterError = t('centres.errors.letterRetired', { name: holder.name });
    if (letterError) lettersOk = false;
    put(`${f.uid}:letter`, letterError);
    if (f.procedures.trim().length > LIMITS.fieldProcedures)
      put(`${f.uid}:procedures`, t('validation.maxLength', { max: LIMITS.fieldProcedures }));
    if (integerIn(f.slotMinutes, LIMITS.slotMinutes) === null)
      put(`${f.uid}:slotMinutes`, range(LIMITS.slotMinutes));
    if (f.capacityMode === 'fixed' && integerIn(f.capacity, LIMITS.capacity) === null)
      put(`${f.uid}:capacity`, range(LIMITS.capacity));
    if (f.remoteDailyCap.trim() !== '' && integerIn(f.remoteDailyCap, LIMITS.remoteDailyCap) === null)
      put(`${f.uid}:remoteDailyCap`, range(LIMITS.remoteDailyCap));
  }
  if (lettersOk) {
    for (const f of saveOrder(fields, stored?.fields ?? []).stuck)
      put(`${f.uid}:letter`, t('centres.errors.letterSwap'));
  }
}

function fieldsInSaveOrder(fields: readonly FieldDraft[], stored: Centre | undefined): FieldDraft[] {
  const { ordered, stuck } = saveOrder(fields, stored?.fields ?? []);
  return [...ordered, ...stuck];
}

/** The request body; fields in an order the server can save (see saveOrder). Call after validateDraft. */
export function toBody(draft: CentreDraft, stored: Centre | undefined): CentreBody {
  const lat = decimal(draft.lat);
  const lng = decimal(draft.lng);
  const codeOf = new Map(draft.fields.map((f) => [f.uid, normalCode(f.code)]));
  const weekday = (day: Weekday) =>
    draft.sessions[day].map((s) => ({ weekday: day, start: s.start, end: s.end }));
  return {
    code: normalCode(draft.code),
    name: draft.name.trim(),
    address: draft.address.trim() || null,
    location: lat && lng ? { lat: Number(lat), lng: Number(lng) } : null,
    agencyId: draft.agency?.id ?? '',
    bookingDays: Number(draft.bookingDays.trim()),
    walkInInterleave: Number(draft.walkInInterleave.trim()),
    active: draft.active,
    sessions: WEEKDAYS.flatMap(weekday),
    fields: fieldsInSaveOrder(draft.fields, stored).map((f) => ({
      code: normalCode(f.code),
      name: f.name.trim(),
      letter: f.letter.trim(),
      slotMinutes: Number(f.slotMinutes.trim()),
      capacity: f.capacityMode === 'fixed' ? Number(f.capacity.trim()) : null,
      remoteDailyCap: f.remoteDailyCap.trim() === '' ? null : Number(f.remoteDailyCap.trim()),
      active: f.active,
      procedures: f.procedures.trim() || null,
    })),
    counters: draft.counters.map((c) => ({
      number: Number(c.number.trim()),
      name: c.name.trim() || null,
      active: c.active,
      fieldCodes: c.fieldUids.flatMap((uid) => codeOf.get(uid) ?? []),
    })),
  };
}

/**
 * What would leave citizens stranded although the server accepts it: active fields no active counter serves
 * (booked or given a number, nobody ever calls them) and active counters that serve no active field.
 */
export function coverageGaps(draft: CentreDraft): { fields: FieldDraft[]; counters: CounterDraft[] } {
  const fields = draft.fields.filter((f) => f.active);
  const counters = draft.counters.filter((c) => c.active);
  const served = new Set(counters.flatMap((c) => c.fieldUids));
  const open = new Set(fields.map((f) => f.uid));
  return {
    fields: fields.filter((f) => !served.has(f.uid)),
    counters: counters.filter((c) => !c.fieldUids.some((uid) => open.has(uid))),
  };
}

/** The next free counter number (one more than the highest). */
export function nextCounterNumber(counters: readonly CounterDraft[]): number {
  const numbers = counters.map((c) => Number(c.number.trim())).filter((n) => Number.isInteger(n));
  return Math.min(LIMITS.counterNumber[1], Math.max(0, ...numbers) + 1);
}

import type { BookBody } from '@dltt/contracts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { platform } from '../../platform/index.ts';

/** The name and phone used last time, offered again: most people book for themselves. */
const CONTACT_KEY = 'appointment-contact';
/**
 * The booking being sent, with its idempotency key, kept until the answer arrives: a retry after a lost answer
 * (or after the app was closed meanwhile) sends the same key and gets the same booking back, never a second one.
 */
const PENDING_KEY = 'appointment-pending';

export interface Contact {
  name: string;
  phone: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export async function loadContact(): Promise<Contact> {
  const saved = await platform.storage.getItem<unknown>(CONTACT_KEY).catch(() => null);
  if (isObject(saved) && typeof saved.name === 'string' && typeof saved.phone === 'string')
    return { name: saved.name, phone: saved.phone };
  return { name: '', phone: '' };
}

export function saveContact(contact: Contact): Promise<void> {
  return platform.storage.setItem(CONTACT_KEY, contact).catch(() => undefined);
}

interface Pending {
  key: string;
  body: BookBody;
}

const sameBody = (a: BookBody, b: BookBody) =>
  a.fieldId === b.fieldId && a.startsAt === b.startsAt && a.name === b.name && a.phone === b.phone;

/** The key for this exact booking: the saved one when the same booking was sent before, else a new one. */
export async function idempotencyKeyFor(body: BookBody): Promise<string> {
  const saved = await platform.storage.getItem<unknown>(PENDING_KEY).catch(() => null);
  if (
    isObject(saved) &&
    typeof saved.key === 'string' &&
    isObject(saved.body) &&
    sameBody(saved.body as unknown as BookBody, body)
  )
    return saved.key;
  const pending: Pending = { key: newIdempotencyKey(), body };
  await platform.storage.setItem(PENDING_KEY, pending).catch(() => undefined);
  return pending.key;
}

/** Called once the server answered for good (booked, or refused): the next attempt is a new one. */
export function clearPending(): Promise<void> {
  return platform.storage.removeItem(PENDING_KEY).catch(() => undefined);
}

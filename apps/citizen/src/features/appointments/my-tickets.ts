import type { Ticket } from '@dltt/contracts';
import { platform } from '../../platform/index.ts';
import { vietnamParts } from './appointment-format.ts';

/**
 * Queue numbers this phone has opened, so "Đặt lịch làm TTHC" can lead back to today's numbers: the page is
 * reached from the kiosk's QR code, and an elderly person rarely finds such a link again.
 */
const KEY = 'my-tickets';
const KEEP = 10;

export interface SavedTicket {
  id: string;
  display: string;
  fieldName: string;
  centreName: string;
  /** The Vietnam calendar day the number was taken ('YYYY-MM-DD'): numbers are only good that day. */
  day: string;
}

const today = () => vietnamParts(new Date().toISOString()).day;

async function saved(): Promise<SavedTicket[]> {
  const value = await platform.storage.getItem<unknown>(KEY).catch(() => null);
  return Array.isArray(value) ? (value as SavedTicket[]).filter((t) => typeof t?.id === 'string') : [];
}

/** Puts the ticket first in the list (once per id); numbers of earlier days are dropped. */
export async function rememberTicket(ticket: Ticket): Promise<void> {
  const { id, display, fieldName, centreName } = ticket;
  const day = vietnamParts(ticket.createdAt).day;
  const rest = (await saved()).filter((t) => t.id !== id && t.day === today());
  await platform.storage.setItem(KEY, [{ id, display, fieldName, centreName, day }, ...rest].slice(0, KEEP));
}

/** Drops a number from the list (staff replaced it with a number in another queue). */
export async function forgetTicket(id: string): Promise<void> {
  const rest = (await saved()).filter((t) => t.id !== id);
  await platform.storage.setItem(KEY, rest);
}

/** Today's numbers opened on this phone, newest first. */
export async function todaysTickets(): Promise<SavedTicket[]> {
  const day = today();
  return (await saved()).filter((t) => t.day === day);
}

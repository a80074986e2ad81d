import type {
  Board,
  Centre,
  CounterChoice,
  CounterElsewhere,
  CounterState,
  QueueStats,
  Ticket,
} from '@dltt/contracts';
import { api, apiUrl } from '../../app/api.ts';

const centrePath = (id: string) => `/centres/${encodeURIComponent(id)}`;

/** The officer's counter: taking one, calling, serving, checking bookings in. */
export const counterApi = {
  choices: (signal?: AbortSignal) => api<CounterChoice[]>('GET', '/counter/choices', { signal }),
  /** Centres with counters that belong to another agency than mine (why I may have none to choose). */
  elsewhere: (signal?: AbortSignal) => api<CounterElsewhere>('GET', '/counter/elsewhere', { signal }),
  /** The counter I work at; 409 COUNTER_NOT_SIGNED_IN when I have not taken one. */
  state: (signal?: AbortSignal) => api<CounterState>('GET', '/counter', { signal }),
  take: (counterId: string) => api<CounterState>('POST', '/counter/session', { body: { counterId } }),
  leave: () => api<{ ok: true }>('DELETE', '/counter/session'),
  /** Finishes the current person as served and calls the next one; 409 QUEUE_EMPTY when nobody waits. */
  callNext: () => api<CounterState>('POST', '/counter/call-next'),
  recall: () => api<CounterState>('POST', '/counter/recall'),
  /** The holder of the called number taken from the phone is here. */
  confirm: () => api<CounterState>('POST', '/counter/confirm'),
  served: () => api<CounterState>('POST', '/counter/served'),
  /** The current person did not come (a booking becomes a no-show). */
  absent: () => api<CounterState>('POST', '/counter/absent'),
  transfer: (fieldId: string) => api<CounterState>('POST', '/counter/transfer', { body: { fieldId } }),
  checkIn: (code: string) => api<Ticket>('POST', '/counter/check-in', { body: { code } }),
  setPriority: (ticketId: string, priority: boolean) =>
    api<Ticket>('POST', `/tickets/${encodeURIComponent(ticketId)}/priority`, { body: { priority } }),
};

export const queueStatsApi = {
  stats: (centreId: string, from: string, to: string, signal?: AbortSignal) =>
    api<QueueStats>('GET', '/queue-stats', { query: { centreId, from, to }, signal }),
  /** Every centre, inactive ones too (administrators). */
  allCentres: (signal?: AbortSignal) => api<Centre[]>('GET', '/admin/centres', { signal }),
  /** The centres open to the public (everyone else picks among those of their agency). */
  publicCentres: (signal?: AbortSignal) => api<Centre[]>('GET', '/centres', { signal }),
};

/** What the kiosk and the display board use, without signing in. */
export const publicQueueApi = {
  centre: (id: string, signal?: AbortSignal) => api<Centre>('GET', centrePath(id), { signal }),
  board: (id: string, signal?: AbortSignal) =>
    api<Board>('GET', `/public${centrePath(id)}/board`, { signal }),
  /** Server-Sent Events (`event: board`) with the whole board at connect and after every change. */
  boardStreamUrl: (id: string) => apiUrl(`/public${centrePath(id)}/board/stream`),
  /** Check-in with a booking code; a late arrival gets a walk-in number (lateWalkIn). */
  checkIn: (centreId: string, code: string) =>
    api<Ticket>('POST', `${centrePath(centreId)}/check-in`, { body: { code } }),
  /** SVG QR code of a ticket's live page (the citizen app's /tickets/{id}), for the kiosk ticket. */
  ticketQrUrl: (ticketId: string) => apiUrl(`/public/tickets/${encodeURIComponent(ticketId)}/qr`),
  walkIn: (centreId: string, fieldId: string) =>
    api<Ticket>('POST', `${centrePath(centreId)}/tickets`, { body: { fieldId } }),
};

import type { OutboxKind, Sender } from './types.ts';

/**
 * How each kind is sent, set once by the app shell (src/app/outbox.ts): each feature owns its API calls, and
 * the shell loads a feature's sender only when an entry of that kind is waiting.
 */
export type SenderLoaders = Record<OutboxKind, () => Promise<Sender>>;

let loaders: SenderLoaders | null = null;

export function setSenderLoaders(value: SenderLoaders): void {
  loaders = value;
}

export function loadSender(kind: OutboxKind): Promise<Sender> {
  if (!loaders) return Promise.reject(new Error('Outbox senders are not set up'));
  return loaders[kind]();
}

/**
 * The one definition of the queue order. Call-next takes the head of this order; the people ahead, the wait
 * estimate, the "sắp đến lượt" notices and the counter's waiting list are positions in it. Pure: no clock, no
 * database; the caller passes the waiting tickets, the centre's interleave state and `now`.
 *
 * Successive calls take, each time:
 *  1. the longest-waiting priority person (priority calls leave the interleave state alone);
 *  2. when `appointmentsInRow` has reached the centre's `interleave`, the longest-waiting walk-in;
 *  3. the appointment whose slot started first (slot start <= now);
 *  4. the longest-waiting walk-in;
 *  5. the earliest early appointment (slot not started yet).
 * An appointment adds one to `appointmentsInRow`; a walk-in sets it back to 0.
 */

export interface Waiting {
  id: string;
  kind: string;
  priority: boolean;
  createdAt: Date;
  /** Appointments only: the booked slot's start. */
  slotStartsAt: Date | null;
  /** The ticket number (ties between tickets taken at the same instant go by number, then id). */
  number: number;
}

export interface InterleaveState {
  /** Appointments called in a row at the centre today (`queue_state.appointments_in_row`). */
  appointmentsInRow: number;
  /** The centre's `walk_in_interleave`: after this many appointments in a row a waiting walk-in goes. */
  interleave: number;
}

type Lane = 'priority' | 'due' | 'walk_in' | 'early';

function laneOf(t: Waiting, now: Date): Lane {
  if (t.priority) return 'priority';
  if (t.kind !== 'appointment' || t.slotStartsAt === null) return 'walk_in';
  return t.slotStartsAt.getTime() <= now.getTime() ? 'due' : 'early';
}

const byTime = (a: Waiting, b: Waiting) =>
  a.createdAt.getTime() - b.createdAt.getTime() ||
  a.number - b.number ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const bySlot = (a: Waiting, b: Waiting) =>
  (a.slotStartsAt?.getTime() ?? 0) - (b.slotStartsAt?.getTime() ?? 0) || byTime(a, b);

/** How a call of this ticket changes the interleave state. */
export function afterCall(state: InterleaveState, t: Waiting, now: Date): InterleaveState {
  const lane = laneOf(t, now);
  if (lane === 'priority') return state;
  return { ...state, appointmentsInRow: lane === 'walk_in' ? 0 : state.appointmentsInRow + 1 };
}

/** The waiting tickets in the order successive calls would take them, starting from `state` at `now`. */
export function callOrder<T extends Waiting>(waiting: readonly T[], state: InterleaveState, now: Date): T[] {
  const lanes: Record<Lane, T[]> = { priority: [], due: [], walk_in: [], early: [] };
  for (const t of waiting) lanes[laneOf(t, now)].push(t);
  lanes.priority.sort(byTime);
  lanes.walk_in.sort(byTime);
  lanes.due.sort(bySlot);
  lanes.early.sort(bySlot);
  const at: Record<Lane, number> = { priority: 0, due: 0, walk_in: 0, early: 0 };
  const has = (lane: Lane) => at[lane] < lanes[lane].length;
  const out: T[] = [];
  let inRow = state.appointmentsInRow;
  while (out.length < waiting.length) {
    let lane: Lane;
    if (has('priority')) lane = 'priority';
    else if (inRow >= state.interleave && has('walk_in')) lane = 'walk_in';
    else if (has('due')) lane = 'due';
    else if (has('walk_in')) lane = 'walk_in';
    else lane = 'early';
    const next = lanes[lane][at[lane]++] as T;
    out.push(next);
    if (lane === 'walk_in') inRow = 0;
    else if (lane !== 'priority') inRow += 1;
  }
  return out;
}

/**
 * The fields whose tickets compete with a field's for a counter: the field itself and every field served by a
 * counter that serves it. "Ahead of you" is counted in the order of these fields' tickets — exact when the
 * counters serving a field all serve the same fields (one counter per field, or every counter for everything).
 */
export function competingFields(fieldId: string, counterFields: ReadonlyMap<string, readonly string[]>) {
  const out = new Set([fieldId]);
  for (const fields of counterFields.values())
    if (fields.includes(fieldId)) for (const f of fields) out.add(f);
  return out;
}

/**
 * For every waiting ticket, how many waiting tickets the order puts before it among those competing with it
 * (see `competingFields`).
 */
export function aheadOfEach<T extends Waiting & { fieldId: string }>(
  waiting: readonly T[],
  counterFields: ReadonlyMap<string, readonly string[]>,
  state: InterleaveState,
  now: Date,
): Map<string, number> {
  const out = new Map<string, number>();
  const orders = new Map<string, T[]>();
  for (const fieldId of new Set(waiting.map((t) => t.fieldId))) {
    const fields = competingFields(fieldId, counterFields);
    const key = [...fields].sort().join(',');
    let order = orders.get(key);
    if (!order) {
      order = callOrder(
        waiting.filter((t) => fields.has(t.fieldId)),
        state,
        now,
      );
      orders.set(key, order);
    }
    order.forEach((t, i) => {
      if (t.fieldId === fieldId) out.set(t.id, i);
    });
  }
  return out;
}

// A fulfilment's progress as the buyer and the seller read it: the steps it goes through, which
// are done (with when), which one it is at, and whether it was cancelled on the way. Pure.
import type { Fulfilment, FulfilmentStatus, SellerAction } from '@nongsan/contracts';
import type { MessageKey } from '../i18n/index.ts';

export type HandOver = 'pickup' | 'delivery';

/**
 * The words for a part's status, as the buyer reads them. Pickup has its own once the goods are
 * ready ("come and pick it up", "you picked it up"): nothing is sent or delivered. The seller's
 * words are in seller-status.ts (seller pages only); tests/unit/web-order-words.test.ts checks both,
 * and the texts, for every status, hand-over and payment method.
 */
export function buyerStatusKey(status: FulfilmentStatus, handOver: HandOver): MessageKey {
  if (handOver === 'pickup' && (status === 'shipped' || status === 'delivered')) return `status.buyer.${status}.pickup`;
  return `status.buyer.${status}`;
}

export type StatusWords = (status: FulfilmentStatus, handOver: HandOver) => MessageKey;

export type TimelineStep = {
  status: FulfilmentStatus;
  label: MessageKey;
  state: 'done' | 'current' | 'todo';
  /** When the step was reached, if known. */
  at: string | null;
};

type TimelineSource = Pick<
  Fulfilment,
  'status' | 'confirmedAt' | 'shippedAt' | 'deliveredAt' | 'cancelledAt' | 'delivery'
> & { createdAt: string; isPaidOnline: boolean };

/**
 * Awaiting payment (online payments only) → awaiting confirmation → confirmed → shipped →
 * delivered. A cancelled fulfilment keeps the steps it reached and ends with the cancellation.
 */
export function timelineOf(f: TimelineSource, words: StatusWords = buyerStatusKey): TimelineStep[] {
  const method = f.delivery.method;
  const flow: { status: FulfilmentStatus; at: string | null }[] = [
    ...(f.isPaidOnline ? [{ status: 'awaiting_payment' as const, at: f.createdAt }] : []),
    { status: 'awaiting_confirmation', at: f.isPaidOnline ? null : f.createdAt },
    { status: 'confirmed', at: f.confirmedAt },
    { status: 'shipped', at: f.shippedAt },
    { status: 'delivered', at: f.deliveredAt },
  ];
  const step = (status: FulfilmentStatus, state: TimelineStep['state'], at: string | null): TimelineStep => ({
    status,
    label: words(status, method),
    state,
    at,
  });
  if (f.status === 'cancelled') {
    // The steps it got through (those with a time), then the cancellation.
    const reached = flow.filter((s, index) => index === 0 || s.at !== null);
    return [...reached.map((s) => step(s.status, 'done', s.at)), step('cancelled', 'current', f.cancelledAt)];
  }
  const current = flow.findIndex((s) => s.status === f.status);
  return flow.map((s, index) =>
    step(s.status, index < current ? 'done' : index === current ? 'current' : 'todo', index <= current ? s.at : null),
  );
}

/**
 * The big button's move among what the API says the seller's team may do next (the forward one;
 * cancelling has its own, smaller form), or null when there is none.
 */
export function forwardAction(nextActions: readonly SellerAction[]): Exclude<SellerAction, 'cancel'> | null {
  return nextActions.find((a): a is Exclude<SellerAction, 'cancel'> => a !== 'cancel') ?? null;
}

// How a seller hands goods over, in words, before the buyer reaches the cart (issue 21): pickup is
// always offered (where, with the province), delivery when the seller offers it (its fee per order
// and the order total from which it is free). One function, so the card, the listing page and the
// tests read the same words.
import type { DeliveryTerms } from '@nongsan/contracts';
import { formatVnd } from '@nongsan/vn/money';
import type { Translate } from '../i18n/index.ts';

export type HandoverView = {
  provinceName: string;
  /** Null: pickup only. */
  delivery: DeliveryTerms | null;
  /** The pickup point, its province included by the API (listing page only). */
  pickupAddress?: string | null;
  pickupHours?: string | null;
};

/** The one line a card has room for: delivery and its fee when offered, else where to pick up. */
export function handoverCardLine(view: HandoverView, t: Translate): string {
  const { delivery } = view;
  if (!delivery) return t('handover.pickupIn', { province: view.provinceName });
  if (delivery.feeVnd === 0) return t('handover.deliversFree');
  const line = t('handover.cardDelivers', { fee: formatVnd(delivery.feeVnd) });
  return delivery.freeOverVnd === null
    ? line
    : `${line}, ${t('handover.cardFreeOver', { amount: formatVnd(delivery.freeOverVnd) })}`;
}

/** The listing page's lines: delivery terms (or that there is none), then the pickup point and hours. */
export function handoverLines(view: HandoverView, t: Translate): string[] {
  const lines: string[] = [];
  const { delivery } = view;
  if (delivery) {
    lines.push(
      delivery.feeVnd === 0 ? t('handover.deliversFree') : t('handover.delivers', { fee: formatVnd(delivery.feeVnd) }),
    );
    if (delivery.feeVnd > 0 && delivery.freeOverVnd !== null) {
      lines.push(t('handover.freeOver', { amount: formatVnd(delivery.freeOverVnd) }));
    }
  } else {
    lines.push(t('handover.noDelivery'));
  }
  const address = view.pickupAddress?.trim();
  lines.push(address ? t('handover.pickupAt', { address }) : t('handover.pickupIn', { province: view.provinceName }));
  if (view.pickupHours) lines.push(t('handover.pickupHours', { hours: view.pickupHours }));
  return lines;
}

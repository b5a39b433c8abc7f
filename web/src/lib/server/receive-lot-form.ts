// The "Nhập hàng" form of the cooperative console: what was typed, checked the way the API will
// check it, so every mistake shows at once next to its field (the API stays the last word).
import { MAX_QUANTITY } from '@nongsan/contracts';
import type { Message } from '../i18n/index.ts';
import { parseWholeNumber } from '../numbers.ts';
import { formText } from './form.ts';
import { addDays, parseCalendarDate } from './form-values.ts';

/** Longest shelf life a listing may have (the API's limit for `shelfLifeDays`). */
const MAX_SHELF_LIFE_DAYS = 3650;

export type ReceiveValues = {
  listingId: string;
  memberId: string;
  quantity: string;
  harvestedAt: string;
  expiresAt: string;
  shelfLifeDays: string;
};

export type ReceiveFieldErrors = Partial<Record<keyof ReceiveValues, Message>>;

/** The body of POST /listings/:listingId/lots, and the listing it goes to. */
export type ReceiveLot = {
  listingId: string;
  quantity: number;
  harvestedAt?: string;
  expiresAt?: string;
  memberId?: string;
};

const RECEIVE_FIELDS = ['listingId', 'memberId', 'quantity', 'harvestedAt', 'expiresAt', 'shelfLifeDays'] as const;

export function readReceiveValues(form: FormData): ReceiveValues {
  return formText(form, RECEIVE_FIELDS);
}

/**
 * The lot to receive, or what is wrong with each field. A sell-by is a last day to sell, or a shelf
 * life in days (the API's rule for a listing's own shelf life: harvest, or today, plus N days);
 * both at once is a mistake, since they could disagree. Neither: the listing's shelf life applies.
 */
export function checkReceive(
  values: ReceiveValues,
  today: string,
): { ok: true; lot: ReceiveLot } | { ok: false; fields: ReceiveFieldErrors } {
  const fields: ReceiveFieldErrors = {};
  if (!values.listingId) fields.listingId = { key: 'coop.err.listing' };
  const quantity = parseWholeNumber(values.quantity);
  if (quantity === null || quantity < 1 || quantity > MAX_QUANTITY) fields.quantity = { key: 'coop.err.quantity' };

  const harvestedAt = values.harvestedAt ? parseCalendarDate(values.harvestedAt) : null;
  if (values.harvestedAt && !harvestedAt) fields.harvestedAt = { key: 'coop.err.date' };
  else if (harvestedAt && harvestedAt > today) fields.harvestedAt = { key: 'coop.err.harvestFuture' };

  let expiresAt = values.expiresAt ? parseCalendarDate(values.expiresAt) : null;
  if (values.expiresAt && !expiresAt) fields.expiresAt = { key: 'coop.err.date' };
  if (values.shelfLifeDays) {
    const days = parseWholeNumber(values.shelfLifeDays);
    if (values.expiresAt) fields.shelfLifeDays = { key: 'coop.err.expiryBoth' };
    else if (days === null || days < 1 || days > MAX_SHELF_LIFE_DAYS)
      fields.shelfLifeDays = { key: 'coop.err.shelfLife' };
    else expiresAt = addDays(harvestedAt ?? today, days);
  }
  if (expiresAt && !fields.expiresAt && !fields.shelfLifeDays) {
    const field = values.shelfLifeDays ? 'shelfLifeDays' : 'expiresAt';
    if (expiresAt < today) fields[field] = { key: 'coop.err.expiryPast' };
    else if (harvestedAt && expiresAt < harvestedAt) fields[field] = { key: 'coop.err.expiryBeforeHarvest' };
  }

  if (Object.keys(fields).length > 0 || quantity === null) return { ok: false, fields };
  return {
    ok: true,
    lot: {
      listingId: values.listingId,
      quantity,
      ...(harvestedAt ? { harvestedAt } : {}),
      ...(expiresAt ? { expiresAt } : {}),
      ...(values.memberId ? { memberId: values.memberId } : {}),
    },
  };
}

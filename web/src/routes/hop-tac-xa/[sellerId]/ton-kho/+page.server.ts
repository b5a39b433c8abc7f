import { AdjustmentReasonSchema, IdSchema, LotCreateSchema, LowStockThresholdSchema } from '@nongsan/contracts';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Message } from '$lib/i18n/index.ts';
import { parseWholeNumber } from '$lib/numbers.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import { messageFor } from '$lib/server/failures.ts';
import {
  checkForm,
  firstError,
  formText,
  redirectIfSignedOut,
  requireSignedIn,
  wholeNumber,
} from '$lib/server/form.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const DEFAULT_EXPIRING_DAYS = 3;
const MAX_EXPIRING_DAYS = 365;

/** `?ngay=` as the API accepts it; anything else is the default rather than an error page. */
function expiringDaysOf(url: URL): number {
  const n = parseWholeNumber(url.searchParams.get('ngay') ?? '');
  return n === null ? DEFAULT_EXPIRING_DAYS : Math.min(n, MAX_EXPIRING_DAYS);
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'worker');
  const expiringWithinDays = expiringDaysOf(url);
  const includeEmpty = url.searchParams.get('het') === '1';
  const result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId'].stock.$get({
      param: { sellerId: coop.sellerId },
      query: { expiringWithinDays: String(expiringWithinDays), includeEmpty: includeEmpty ? 'true' : 'false' },
    }),
  );
  if (!result.ok) failLoad(result.failure, url, 'stock');
  return { stock: result.data, includeEmpty };
};

/** What each small form answers, shown where it was sent from (a listing or one of its lots). */
type StockResult = { listingId: string; lotId?: string; ok: boolean; message: Message };

function answer(result: Omit<StockResult, 'ok'>): StockResult {
  return { ...result, ok: true };
}

function refuse(status: number, result: Omit<StockResult, 'ok'>) {
  return fail(status, { ...result, ok: false } satisfies StockResult);
}

function refuseFailure(event: RequestEvent, where: Omit<StockResult, 'ok' | 'message'>, failure: ApiFailure) {
  redirectIfSignedOut(failure, event.url);
  if (failure.code === 'NOT_FOUND') return refuse(404, { ...where, message: { key: 'coop.err.gone' } });
  if (failure.code === 'INSUFFICIENT_STOCK')
    return refuse(409, { ...where, message: { key: 'coop.adjust.errTooMany' } });
  return refuse(failure.status, { ...where, message: messageFor(failure) });
}

/** The alert level: a whole number, or empty to clear it (the contract's `null`). */
const ThresholdForm = z.object({
  listingId: IdSchema,
  lowStockThreshold: wholeNumber(LowStockThresholdSchema.shape.lowStockThreshold.unwrap()).optional(),
});

/** A correction of one lot: how many, which way, and why (the contract's reasons). */
const AdjustForm = z.object({
  listingId: IdSchema,
  lotId: IdSchema,
  quantity: wholeNumber(LotCreateSchema.shape.quantity),
  reason: AdjustmentReasonSchema,
  direction: z.string().optional(),
});

export const actions = {
  /** The low-stock alert level of a listing; empty clears it. */
  threshold: async (event) => {
    requireSignedIn(event);
    const values = formText(await event.request.formData(), ['listingId', 'lowStockThreshold']);
    const { listingId } = values;
    const checked = checkForm(ThresholdForm, values, { lowStockThreshold: { key: 'coop.err.threshold' } });
    if (!checked.ok) return refuse(422, { listingId, message: firstError(checked.errors) });
    const threshold = checked.data.lowStockThreshold ?? null;
    const result = await call(() =>
      event.locals.api.api.v1.cooperatives[':sellerId'].listings[':listingId'].threshold.$put({
        param: { sellerId: event.params.sellerId, listingId },
        json: { lowStockThreshold: threshold },
      }),
    );
    if (!result.ok) return refuseFailure(event, { listingId }, result.failure);
    return answer({
      listingId,
      message: { key: threshold === null ? 'coop.stock.thresholdCleared' : 'coop.stock.thresholdSaved' },
    });
  },

  /** A correction of one lot: units taken out (spoilage, a short count) or found, with the reason. */
  adjust: async (event) => {
    requireSignedIn(event);
    const values = formText(await event.request.formData(), ['listingId', 'lotId', 'quantity', 'reason', 'direction']);
    const { listingId, lotId } = values;
    const where = { listingId, lotId };
    const checked = checkForm(AdjustForm, values, {
      quantity: { key: 'coop.err.quantity' },
      reason: { key: 'coop.err.reason' },
    });
    if (!checked.ok) return refuse(422, { ...where, message: firstError(checked.errors) });
    const { quantity, reason } = checked.data;
    const delta = checked.data.direction === 'add' ? quantity : -quantity;
    const result = await call(() =>
      event.locals.api.api.v1.listings[':listingId'].adjustments.$post({
        param: { listingId },
        json: { lotId, delta, reason },
      }),
    );
    if (!result.ok) return refuseFailure(event, where, result.failure);
    const onHand = result.data.movements.find((m) => m.lotId === lotId)?.onHand ?? 0;
    return answer({ ...where, message: { key: 'coop.adjust.saved', params: { n: onHand } } });
  },
} satisfies Actions;

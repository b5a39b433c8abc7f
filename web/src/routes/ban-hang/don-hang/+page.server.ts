import {
  AfterDeliveryRefundCreateSchema,
  CashCollectedRequestSchema,
  errorDetailsOf,
  type FulfilmentStatus,
  IdSchema,
  isSellerManager,
  SellerActionSchema,
  type SellerFulfilment,
} from '@nongsan/contracts';
import { formatVnPhone } from '@nongsan/vn';
import { formatVnd } from '@nongsan/vn/money';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Message } from '$lib/i18n/index.ts';
import { movedMessageKey, sellerStatusKey } from '$lib/orders/seller-status.ts';
import { timelineOf } from '$lib/orders/timeline.ts';
import { cashStateOf } from '$lib/payments/payment-view.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { messageFor } from '$lib/server/failures.ts';
import {
  checkForm,
  type FormErrors,
  firstError,
  formText,
  redirectIfSignedOut,
  requireSignedIn,
  wholeNumber,
} from '$lib/server/form.ts';
import { chooseSeller, writableSellers } from '$lib/server/sellers.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PER_PAGE = 20;
const INVALID: Message = { key: 'err.invalid' };

/** The status filters, with Vietnamese slugs in the address like the rest of the storefront. */
const STATUS_FILTERS = {
  'cho-xac-nhan': 'awaiting_confirmation',
  'da-xac-nhan': 'confirmed',
  'dang-giao': 'shipped',
  'da-giao': 'delivered',
  'da-huy': 'cancelled',
} as const satisfies Record<string, FulfilmentStatus>;
type FilterSlug = keyof typeof STATUS_FILTERS;

function isFilterSlug(value: string | null): value is FilterSlug {
  return value !== null && Object.hasOwn(STATUS_FILTERS, value);
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  const sellers = writableSellers(me);
  if (sellers.length === 0) redirect(303, '/ban-hang/dang-ky');
  const seller = chooseSeller(sellers, url.searchParams.get('sellerId'));
  if (!seller) redirect(303, '/ban-hang/dang-ky');
  const slug = url.searchParams.get('trangThai');
  const filter = isFilterSlug(slug) ? slug : null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('trang') ?? '1', 10) || 1));

  const result = await call(() =>
    locals.api.api.v1.seller.orders.$get({
      query: {
        sellerId: seller.sellerId,
        ...(filter ? { status: STATUS_FILTERS[filter] } : {}),
        page: String(page),
        perPage: String(PER_PAGE),
      },
    }),
  );
  if (!result.ok) {
    redirectIfSignedOut(result.failure, url);
    error(result.failure.status >= 500 || result.failure.code === 'NETWORK' ? 503 : 500, {
      message: 'orders unavailable',
    });
  }
  const { fulfilments, total } = result.data;
  // Giving money back is for the owner and cooperative managers (the API's rule; staff get 403).
  const role = me.sellers.find((s) => s.sellerId === seller.sellerId)?.role;
  const canRefund = isSellerManager(role);
  return {
    sellers,
    seller,
    filter,
    page,
    hasMore: page * PER_PAGE < total,
    fulfilments: fulfilments.map((f) => ({
      ...f,
      timeline: timelineOf(
        { ...f, createdAt: f.order.createdAt, isPaidOnline: f.order.payment.method !== 'cod' },
        sellerStatusKey,
      ),
      cash: cashStateOf(f.order.payment, f),
      refund: refundStateOf(f, canRefund),
      // Written the way people say them (0912 345 678); the tel: links keep the E.164 form.
      phones: {
        buyer: formatVnPhone(f.order.buyer.phone) ?? f.order.buyer.phone,
        recipient: f.delivery.address ? (formatVnPhone(f.delivery.address.phone) ?? f.delivery.address.phone) : null,
      },
    })),
  };
};

/**
 * Refunds after delivery on one card: those made, and whether (and up to how much) more can be
 * given back: a delivered part whose money arrived (online and paid, or its cash recorded), up to
 * its goods less what was already given back after delivery. The API checks it all again.
 */
function refundStateOf(f: SellerFulfilment, canRefund: boolean) {
  const { payment } = f.order;
  const made = (payment.refunds ?? []).filter((r) => r.fulfilmentId === f.id && r.reason === 'after_delivery');
  const refundableVnd = f.subtotalVnd - made.reduce((sum, r) => sum + r.amountVnd, 0);
  const isMoneyIn =
    payment.method === 'cod'
      ? (payment.cashCollected ?? []).some((c) => c.fulfilmentId === f.id)
      : payment.status === 'paid' || payment.status === 'refund_pending';
  return {
    made,
    refundableVnd,
    canRefund: canRefund && f.status === 'delivered' && isMoneyIn && refundableVnd > 0,
  };
}

/** One tap on a card: the fulfilment and the step (the contract's actions). */
const MoveForm = z.object({ fulfilmentId: IdSchema, action: SellerActionSchema });

/** "Đã thu tiền": the card's total, as the contract's amount. */
const CashForm = z.object({
  fulfilmentId: IdSchema,
  amountVnd: wholeNumber(CashCollectedRequestSchema.shape.amountVnd),
});

/** Money back after delivery: the contract's refund, for the card's fulfilment. */
const RefundForm = AfterDeliveryRefundCreateSchema.extend({
  fulfilmentId: IdSchema,
  amountVnd: wholeNumber(AfterDeliveryRefundCreateSchema.shape.amountVnd),
});

/** A card's form that does not check: its one message, shown on the card. */
function refuseForm(fulfilmentId: string, errors: FormErrors) {
  const refused: MoveResult = { fulfilmentId, ok: false, message: firstError(errors) };
  return fail(422, refused);
}

/** What each small form answers: shown on the card it came from. */
type MoveResult = { fulfilmentId: string; ok: boolean; message: Message };

function moveFailure(event: RequestEvent, fulfilmentId: string, failure: ApiFailure) {
  redirectIfSignedOut(failure, event.url);
  const message: Message =
    failure.code === 'INVALID_TRANSITION'
      ? { key: 'sellerOrders.errTransition' }
      : failure.code === 'NOT_FOUND'
        ? { key: 'sellerOrders.errGone' }
        : messageFor(failure);
  const refused: MoveResult = { fulfilmentId, ok: false, message };
  return fail(failure.status, refused);
}

export const actions = {
  /** One tap: confirm, ship, delivered, or cancel (before shipping) one seller's part of an order. */
  move: async (event) => {
    requireSignedIn(event);
    const values = formText(await event.request.formData(), ['fulfilmentId', 'action']);
    const { fulfilmentId } = values;
    const checked = checkForm(MoveForm, values, { fulfilmentId: INVALID, action: INVALID });
    if (!checked.ok) return refuseForm(fulfilmentId, checked.errors);
    const { action } = checked.data;
    const route = event.locals.api.api.v1.fulfilments[':fulfilmentId'];
    const param = { param: { fulfilmentId } };
    const result = await call(() => {
      switch (action) {
        case 'confirm':
          return route.confirm.$post(param);
        case 'ship':
          return route.ship.$post(param);
        case 'deliver':
          return route.deliver.$post(param);
        case 'cancel':
          return route.cancel.$post(param);
      }
    });
    if (!result.ok) return moveFailure(event, fulfilmentId, result.failure);
    const moved: MoveResult = {
      fulfilmentId,
      ok: true,
      message: { key: movedMessageKey(action, result.data.delivery.method), params: { code: result.data.order.code } },
    };
    return moved;
  },

  /**
   * Cash on delivery: one tap once the customer has paid. The amount is the fulfilment's total as
   * the card showed it; the API records it only when it is exactly that total, so a total changed
   * meanwhile is refused rather than recorded wrong.
   */
  cashCollected: async (event) => {
    requireSignedIn(event);
    const values = formText(await event.request.formData(), ['fulfilmentId', 'amountVnd']);
    const { fulfilmentId } = values;
    const checked = checkForm(CashForm, values, { fulfilmentId: INVALID, amountVnd: INVALID });
    if (!checked.ok) return refuseForm(fulfilmentId, checked.errors);
    const { amountVnd } = checked.data;
    const result = await call(() =>
      event.locals.api.api.v1.fulfilments[':fulfilmentId']['cash-collected'].$post({
        param: { fulfilmentId },
        json: { amountVnd },
      }),
    );
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, event.url);
      const message: Message =
        failure.code === 'VALIDATION_FAILED'
          ? { key: 'payments.cash.errAmount' }
          : failure.code === 'INVALID_TRANSITION' || failure.code === 'CONFLICT'
            ? { key: 'payments.cash.errState' }
            : failure.code === 'NOT_FOUND'
              ? { key: 'sellerOrders.errGone' }
              : messageFor(failure);
      const refused: MoveResult = { fulfilmentId, ok: false, message };
      return fail(failure.status, refused);
    }
    const done: MoveResult = {
      fulfilmentId,
      ok: true,
      message: { key: 'payments.cash.done', params: { amount: formatVnd(amountVnd), code: result.data.order.code } },
    };
    return done;
  },

  /**
   * Money back for a delivered part (spoiled, short, damaged): an amount, optionally the item it
   * is for, and why. The API bounds it by what is left and sends it back the way it was paid.
   */
  refund: async (event) => {
    requireSignedIn(event);
    const values = formText(await event.request.formData(), ['fulfilmentId', 'amountVnd', 'orderItemId', 'note']);
    const { fulfilmentId } = values;
    const checked = checkForm(RefundForm, values, {
      fulfilmentId: INVALID,
      amountVnd: { key: 'payments.refund.errAmount' },
      note: { key: 'payments.refund.errNote' },
    });
    if (!checked.ok) return refuseForm(fulfilmentId, checked.errors);
    const { amountVnd, orderItemId, note } = checked.data;
    const result = await call(() =>
      event.locals.api.api.v1.fulfilments[':fulfilmentId'].refunds.$post({
        param: { fulfilmentId },
        json: { amountVnd, note, ...(orderItemId ? { orderItemId } : {}) },
      }),
    );
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, event.url);
      const left = refundableOf(failure.details);
      const message: Message =
        failure.code === 'VALIDATION_FAILED' && left !== null
          ? { key: 'payments.refund.errTooMuch', params: { max: formatVnd(left) } }
          : failure.code === 'FORBIDDEN'
            ? { key: 'payments.refund.errForbidden' }
            : failure.code === 'INVALID_TRANSITION' || failure.code === 'CONFLICT'
              ? { key: 'payments.refund.errState' }
              : failure.code === 'NOT_FOUND'
                ? { key: 'sellerOrders.errGone' }
                : messageFor(failure);
      const refused: MoveResult = { fulfilmentId, ok: false, message };
      return fail(failure.status, refused);
    }
    const done: MoveResult = {
      fulfilmentId,
      ok: true,
      message: {
        key: 'payments.refund.done',
        params: { amount: formatVnd(result.data.refund.amountVnd), code: result.data.refund.orderCode },
      },
    };
    return done;
  },
} satisfies Actions;

/** What is left to refund, from the API's 422 (`details[0].refundableVnd`), if it said. */
function refundableOf(details: unknown): number | null {
  const first = errorDetailsOf('VALIDATION_FAILED', details)?.[0];
  const left = first && 'refundableVnd' in first ? first.refundableVnd : null;
  return typeof left === 'number' ? left : null;
}

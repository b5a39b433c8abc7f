import { CalendarDateSchema, ListingCreateSchema, LotCreateSchema, traceCodeForPeople } from '@nongsan/contracts';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Message } from '$lib/i18n/index.ts';
import { toPhotoView } from '$lib/listings/photo-view.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { messageFor } from '$lib/server/failures.ts';
import {
  checkForm,
  firstError,
  formText,
  redirectIfSignedOut,
  requireSignedIn,
  wholeNumber,
} from '$lib/server/form.ts';
import { textOf, todayInVietnam } from '$lib/server/form-values.ts';
import { chooseSeller, writableSellers } from '$lib/server/sellers.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PER_PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  const sellers = writableSellers(me);
  if (sellers.length === 0) redirect(303, '/ban-hang/dang-ky');
  const seller = chooseSeller(sellers, url.searchParams.get('sellerId'));
  if (!seller) redirect(303, '/ban-hang/dang-ky');
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('trang') ?? '1', 10) || 1));

  const result = await call(() =>
    locals.api.api.v1.sellers[':sellerId'].listings.$get({
      param: { sellerId: seller.sellerId },
      query: { page: String(page), perPage: String(PER_PAGE) },
    }),
  );
  if (!result.ok) {
    redirectIfSignedOut(result.failure, url);
    error(result.failure.status >= 500 || result.failure.code === 'NETWORK' ? 503 : 500, {
      message: 'listings unavailable',
    });
  }
  const { listings, total } = result.data;
  const saved = url.searchParams.get('saved');
  const savedListing = listings.find((l) => l.id === saved);
  return {
    sellers,
    seller,
    page,
    hasMore: page * PER_PAGE < total,
    total,
    // Archived ones last: they are kept for the record, not for selling.
    listings: [...listings]
      .sort((a, b) => Number(a.status === 'archived') - Number(b.status === 'archived'))
      .map((l) => ({
        id: l.id,
        title: l.title,
        priceVnd: l.priceVnd,
        unit: l.unit,
        status: l.status,
        availableStock: l.availableStock,
        availableFrom: l.availableFrom,
        photo: l.photos[0] ? toPhotoView(l.photos[0]) : null,
      })),
    saved: savedListing ? { title: savedListing.title, status: savedListing.status } : null,
    today: todayInVietnam(),
  };
};

/** What each small form answers: shown inside the card it came from. */
type CardResult = { listingId: string; ok: boolean; message: Message; traceCode?: string };

function answer(listingId: string, message: Message, extra: Partial<CardResult> = {}): CardResult {
  return { listingId, ok: true, message, ...extra };
}

function refuse(status: number, listingId: string, message: Message) {
  return fail(status, { listingId, ok: false, message } satisfies CardResult);
}

/** The failure of an API call, as the card shows it; a lost session goes to sign in. */
function refuseFailure(event: RequestEvent, listingId: string, failure: ApiFailure, specific?: Message) {
  redirectIfSignedOut(failure, event.url);
  if (failure.code === 'NOT_FOUND') return refuse(404, listingId, { key: 'myListings.errGone' });
  return refuse(failure.status, listingId, specific ?? messageFor(failure));
}

async function readCard(event: RequestEvent) {
  requireSignedIn(event);
  const form = await event.request.formData();
  return { form, listingId: textOf(form, 'listingId') };
}

/** "Nhập thêm hàng": how many, and the harvest day (not after today; empty: unknown). */
const ReceiveForm = z.object({
  quantity: wholeNumber(LotCreateSchema.shape.quantity),
  harvestedAt: CalendarDateSchema.optional().catch(undefined),
});

const PriceForm = z.object({ priceVnd: wholeNumber(ListingCreateSchema.shape.priceVnd) });

export const actions = {
  /** The − and + buttons: a stock count correction of one unit. */
  adjust: async (event) => {
    const { form, listingId } = await readCard(event);
    const { api } = event.locals;
    const delta = textOf(form, 'delta') === '1' ? 1 : -1;
    let lotId: string | undefined;
    if (delta > 0) {
      // A unit found on a count belongs to a lot (it has a harvest date and a trace code): the most
      // recently received lot that can still be sold.
      const lots = await call(() => api.api.v1.listings[':listingId'].lots.$get({ param: { listingId } }));
      if (!lots.ok) return refuseFailure(event, listingId, lots.failure);
      const newest = lots.data.lots
        .filter((lot) => !lot.isExpired)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      if (!newest) return refuse(409, listingId, { key: 'myListings.errNoLot' });
      lotId = newest.id;
    }
    const result = await call(() =>
      api.api.v1.listings[':listingId'].adjustments.$post({
        param: { listingId },
        json: { delta, reason: 'count', ...(lotId ? { lotId } : {}) },
      }),
    );
    if (!result.ok) {
      const specific: Message | undefined =
        result.failure.code === 'INSUFFICIENT_STOCK' ? { key: 'myListings.errNoStock' } : undefined;
      return refuseFailure(event, listingId, result.failure, specific);
    }
    return answer(listingId, { key: 'myListings.stockSaved', params: { n: result.data.availableStock } });
  },

  /** "Nhập thêm hàng": a new harvest lot, with its own trace code. */
  receive: async (event) => {
    const { form, listingId } = await readCard(event);
    const checked = checkForm(ReceiveForm, formText(form, ['quantity', 'harvestedAt']), {
      quantity: { key: 'listingForm.errQuantity' },
    });
    if (!checked.ok) return refuse(422, listingId, firstError(checked.errors));
    const { quantity, harvestedAt } = checked.data;
    if (harvestedAt && harvestedAt > todayInVietnam()) {
      return refuse(422, listingId, { key: 'listingForm.errHarvestFuture' });
    }
    const result = await call(() =>
      event.locals.api.api.v1.listings[':listingId'].lots.$post({
        param: { listingId },
        json: { quantity, ...(harvestedAt ? { harvestedAt } : {}) },
      }),
    );
    if (!result.ok) return refuseFailure(event, listingId, result.failure);
    return answer(
      listingId,
      // Shown in capitals, as on labels: the code's alphabet has no I, L, O or U to confuse.
      { key: 'myListings.received', params: { n: quantity, code: traceCodeForPeople(result.data.traceCode) } },
      { traceCode: result.data.traceCode },
    );
  },

  price: async (event) => {
    const { form, listingId } = await readCard(event);
    const checked = checkForm(PriceForm, formText(form, ['priceVnd']), { priceVnd: { key: 'listingForm.errPrice' } });
    if (!checked.ok) return refuse(422, listingId, firstError(checked.errors));
    const { priceVnd } = checked.data;
    const result = await call(() =>
      event.locals.api.api.v1.listings[':listingId'].$patch({ param: { listingId }, json: { priceVnd } }),
    );
    if (!result.ok) return refuseFailure(event, listingId, result.failure);
    return answer(listingId, { key: 'myListings.priceSaved' });
  },

  /** Pause (back to draft: buyers no longer see it) or sell again. */
  status: async (event) => {
    const { form, listingId } = await readCard(event);
    const status = textOf(form, 'status') === 'active' ? 'active' : 'draft';
    const result = await call(() =>
      event.locals.api.api.v1.listings[':listingId'].$patch({ param: { listingId }, json: { status } }),
    );
    if (!result.ok) return refuseFailure(event, listingId, result.failure);
    return answer(listingId, { key: status === 'active' ? 'myListings.resumed' : 'myListings.paused' });
  },

  archive: async (event) => {
    const { listingId } = await readCard(event);
    const result = await call(() => event.locals.api.api.v1.listings[':listingId'].$delete({ param: { listingId } }));
    if (!result.ok) return refuseFailure(event, listingId, result.failure);
    return answer(listingId, { key: 'myListings.archived' });
  },
} satisfies Actions;

import { fail } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import { messageFor } from '$lib/server/failures.ts';
import { redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
import { todayInVietnam } from '$lib/server/form-values.ts';
import { checkReceive, type ReceiveFieldErrors, readReceiveValues } from '$lib/server/receive-lot-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'worker');
  const param = { sellerId: coop.sellerId };
  const [stock, members] = await Promise.all([
    call(() => locals.api.api.v1.cooperatives[':sellerId'].stock.$get({ param, query: {} })),
    call(() => locals.api.api.v1.cooperatives[':sellerId'].members.$get({ param })),
  ]);
  if (!stock.ok) failLoad(stock.failure, url, 'stock');
  if (!members.ok) failLoad(members.failure, url, 'members');
  return {
    listings: stock.data.listings.map((l) => ({
      id: l.id,
      title: l.title,
      unit: l.unit,
      availableStock: l.availableStock,
    })),
    // Only active members can bring a harvest in; people without a phone are as much members.
    members: members.data.members
      .filter((m) => m.status === 'active')
      .map((m) => ({ id: m.id, name: m.name, hasPhone: m.phone !== null }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    // Preselected when coming from a listing's "Nhập thêm" in the stock console.
    listingId: url.searchParams.get('listingId'),
    today: todayInVietnam(),
  };
};

/** The API's field of a VALIDATION_FAILED it found itself (a member who left meanwhile, a date that does not exist). */
function failedPaths(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.map((d: unknown) =>
    typeof d === 'object' && d !== null && 'path' in d ? String((d as { path: unknown }).path) : '',
  );
}

export const actions = {
  /** One lot: a listing, the member who grew it (or none), how much, when harvested, until when sold. */
  receive: async ({ request, locals, url, params }) => {
    requireSignedIn({ locals, url });
    const values = readReceiveValues(await request.formData());
    const refuse = (status: number, fields: ReceiveFieldErrors, formMessage?: Message) =>
      fail(status, { values, errors: { form: formMessage ?? { key: 'err.form' }, fields } });

    const checked = checkReceive(values, todayInVietnam());
    if (!checked.ok) return refuse(422, checked.fields);
    const { listingId, ...json } = checked.lot;
    const result = await call(() =>
      locals.api.api.v1.listings[':listingId'].lots.$post({ param: { listingId }, json }),
    );
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, url);
      // A listing of another seller (or gone) is not found.
      if (failure.code === 'NOT_FOUND') return refuse(404, { listingId: { key: 'coop.err.listing' } });
      if (failure.code === 'VALIDATION_FAILED') {
        const paths = failedPaths(failure.details);
        if (paths.includes('memberId')) return refuse(422, { memberId: { key: 'coop.err.member' } });
        if (paths.includes('harvestedAt')) return refuse(422, { harvestedAt: { key: 'coop.err.date' } });
        if (paths.includes('expiresAt')) return refuse(422, { expiresAt: { key: 'coop.err.date' } });
      }
      return refuse(failure.status, {}, messageFor(failure));
    }
    const lot = result.data;
    return {
      received: {
        lotId: lot.id,
        traceCode: lot.traceCode,
        quantity: lot.quantity,
        listingId: lot.listingId,
        memberName: lot.member?.name ?? null,
        expiresAt: lot.expiresAt,
        sellerId: params.sellerId,
      },
    };
  },
} satisfies Actions;

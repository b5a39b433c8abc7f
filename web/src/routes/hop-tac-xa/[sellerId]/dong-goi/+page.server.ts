import { formatVnPhone } from '@nongsan/vn/phone';
import { call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import { parseCalendarDate, todayInVietnam } from '$lib/server/form-values.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'worker');
  const today = todayInVietnam();
  let date = parseCalendarDate(url.searchParams.get('ngay') ?? '') ?? today;
  let result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId']['packing-list'].$get({
      param: { sellerId: coop.sellerId },
      query: { date },
    }),
  );
  // A day that does not exist (31/02) is today's list rather than an error page.
  if (!result.ok && result.failure.code === 'VALIDATION_FAILED' && date !== today) {
    date = today;
    result = await call(() =>
      locals.api.api.v1.cooperatives[':sellerId']['packing-list'].$get({
        param: { sellerId: coop.sellerId },
        query: { date },
      }),
    );
  }
  if (!result.ok) failLoad(result.failure, url, 'packing list');
  const list = result.data;
  // Phone numbers as people dial them, on paper.
  const readable = (fulfilments: typeof list.pickup.fulfilments) =>
    fulfilments.map((f) =>
      f.recipient
        ? { ...f, recipient: { ...f.recipient, phone: formatVnPhone(f.recipient.phone) ?? f.recipient.phone } }
        : f,
    );
  return {
    list: {
      ...list,
      pickup: { fulfilments: readable(list.pickup.fulfilments) },
      delivery: { fulfilments: readable(list.delivery.fulfilments) },
    },
  };
};

import { call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import { todayInVietnam } from '$lib/server/form-values.ts';
import { reportRange } from '$lib/server/report-range.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'manager');
  const range = reportRange(url, todayInVietnam());
  const csvUrl = `/api/v1/cooperatives/${encodeURIComponent(coop.sellerId)}/reports/member-sales.csv?from=${range.from}&to=${range.to}`;
  if (!range.isValid) return { range, report: null, csvUrl: null };
  const result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId'].reports['member-sales'].$get({
      param: { sellerId: coop.sellerId },
      query: { from: range.from, to: range.to },
    }),
  );
  if (!result.ok) {
    // A date that looks right but does not exist (31/02): the range is refused, not the page.
    if (result.failure.code === 'VALIDATION_FAILED')
      return { range: { ...range, isValid: false }, report: null, csvUrl: null };
    failLoad(result.failure, url, 'member sales');
  }
  return { range, report: result.data, csvUrl };
};

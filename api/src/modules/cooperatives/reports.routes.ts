import { createRoute } from '@hono/zod-openapi';
import {
  CooperativeMeQuerySchema,
  CooperativeMeSchema,
  DateRangeQuerySchema,
  IdSchema,
  MemberSalesCsvQuerySchema,
  MemberSalesReportSchema,
  PackingListQuerySchema,
  PackingListSchema,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, csvResponse, errors, json } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as reports from './reports.service.ts';

const CooperativeParams = z.object({ sellerId: IdSchema });
const readErrors = { 401: errors[401], 404: errors[404], 422: errors[422] } as const;

const memberSalesRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/reports/member-sales',
  tags: ['cooperatives'],
  summary: 'Sales per member for a range, to pay each their share: gross, platform fee, refunds, net (managers)',
  description:
    'Fulfilments delivered between `from` and `to` (Vietnam days, inclusive; at most 366 days), credited to members by the lots each order took.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, query: DateRangeQuerySchema },
  responses: { 200: json(MemberSalesReportSchema, 'The report'), ...readErrors },
});

const memberSalesCsvRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/reports/member-sales.csv',
  tags: ['cooperatives'],
  summary: 'The member sales report as CSV for Excel (managers)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, query: MemberSalesCsvQuerySchema },
  responses: { 200: csvResponse('The report file'), ...readErrors },
});

const meRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/me',
  tags: ['cooperatives'],
  summary: 'My lots, sales and earnings in this cooperative (any active member; nothing of other members)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, query: CooperativeMeQuerySchema },
  responses: { 200: json(CooperativeMeSchema, 'My page'), ...readErrors },
});

const packingListRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/packing-list',
  tags: ['cooperatives'],
  summary: "A day's packing list, by pickup and delivery, with the lots to take (managers, staff)",
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, query: PackingListQuerySchema },
  responses: { 200: json(PackingListSchema, 'What to pack'), ...readErrors },
});

export function reportRoutes(deps: Deps) {
  return createRouter()
    .openapi(memberSalesRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await reports.getMemberSalesReport(deps, requireUser(c), sellerId, c.req.valid('query')), 200);
    })
    .openapi(memberSalesCsvRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      const file = await reports.exportMemberSalesCsv(deps, requireUser(c), sellerId, c.req.valid('query'));
      return c.body(file.bytes, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'private, no-store',
      });
    })
    .openapi(meRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await reports.getCooperativeMe(deps, requireUser(c), sellerId, c.req.valid('query')), 200);
    })
    .openapi(packingListRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await reports.getPackingList(deps, requireUser(c), sellerId, c.req.valid('query')), 200);
    });
}

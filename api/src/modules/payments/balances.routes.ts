import { createRoute } from '@hono/zod-openapi';
import {
  BankAccountResultSchema,
  BankAccountSchema,
  IdSchema,
  OwedSellersSchema,
  PayoutCreatedSchema,
  PayoutCreateSchema,
  SellerBalanceSchema,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import type { OrderNeeds } from '../orders/index.ts';
import * as balances from './balances.service.ts';

const SellerParams = z.object({ sellerId: IdSchema });

const balanceRoute = createRoute({
  method: 'get',
  path: '/sellers/{sellerId}/balance',
  tags: ['payments'],
  summary: 'What the marketplace owes a seller, with its payouts and paid fulfilments (owner, coop managers)',
  description: [
    'owedVnd = paidVnd (fulfilments paid online) − feeVnd − refundsVnd − payoutsVnd. The fee is',
    "`PLATFORM_FEE_PERCENT` of each paid fulfilment's goods, cash on delivery included, rounded half up",
    'to the đồng per fulfilment. Cash on delivery stays with the seller (cashHeldVnd).',
  ].join(' '),
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: SellerParams },
  responses: { 200: json(SellerBalanceSchema, 'The balance'), 401: errors[401], 404: errors[404] },
});

const bankAccountRoute = createRoute({
  method: 'put',
  path: '/sellers/{sellerId}/bank-account',
  tags: ['payments'],
  summary: 'Set the account a seller is paid out to (owner, coop managers)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: SellerParams, body: jsonBody(BankAccountSchema) },
  responses: {
    200: json(BankAccountResultSchema, 'Saved'),
    ...errorsFor(400, 401, 404, 413, 415, 422),
  },
});

const reportRoute = createRoute({
  method: 'get',
  path: '/payouts/report.csv',
  tags: ['payments'],
  summary: 'The payout batch: every seller owed money, with phone and bank, as CSV for Excel (operators)',
  description: 'UTF-8 with BOM, CRLF, every field quoted; a cell that would start a formula gets a leading apostrophe.',
  security: bearer,
  middleware: [signedIn] as const,
  responses: {
    200: { description: 'The report', content: { 'text/csv': { schema: z.string() } } },
    ...errorsFor(401, 403),
  },
});

const owedRoute = createRoute({
  method: 'get',
  path: '/payouts/owed',
  tags: ['payments'],
  summary: 'Every seller owed money, with phone and bank: the payout report as JSON (operators)',
  security: bearer,
  middleware: [signedIn] as const,
  responses: { 200: json(OwedSellersSchema, 'Sellers by name'), 401: errors[401], 403: errors[403] },
});

const payoutRoute = createRoute({
  method: 'post',
  path: '/payouts',
  tags: ['payments'],
  summary: 'Record a transfer made to a seller (operators)',
  description: 'More than the seller is owed is 409 `CONFLICT` with `details.owedVnd`.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { body: jsonBody(PayoutCreateSchema) },
  responses: {
    201: json(PayoutCreatedSchema, 'Recorded, with what is still owed'),
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export function balanceRoutes(deps: Deps & OrderNeeds) {
  return createRouter()
    .openapi(balanceRoute, async (c) => {
      return c.json(await balances.getSellerBalance(deps, requireUser(c), c.req.valid('param').sellerId), 200);
    })
    .openapi(bankAccountRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await balances.setBankAccount(deps, requireUser(c), sellerId, c.req.valid('json')), 200);
    })
    .openapi(reportRoute, async (c) => {
      const file = await balances.payoutReportCsv(deps, requireUser(c));
      return c.body(file.bytes, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'private, no-store',
      });
    })
    .openapi(owedRoute, async (c) => {
      return c.json(await balances.listOwedSellers(deps, requireUser(c)), 200);
    })
    .openapi(payoutRoute, async (c) => {
      return c.json(await balances.recordPayout(deps, requireUser(c), c.req.valid('json')), 201);
    });
}

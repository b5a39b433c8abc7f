import { createRoute } from '@hono/zod-openapi';
import {
  IdSchema,
  LabelsQuerySchema,
  LabelsSchema,
  LowStockThresholdResultSchema,
  LowStockThresholdSchema,
  MAX_STOCK_CSV_BYTES,
  StockConsoleQuerySchema,
  StockConsoleSchema,
  StockExportQuerySchema,
  StockImportQuerySchema,
  StockImportResultSchema,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, csvResponse, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as stock from './stock.service.ts';
import { importStockCsv } from './stock-import.service.ts';

const CooperativeParams = z.object({ sellerId: IdSchema });

/**
 * What a stock file may be sent as: `text/csv` only (the storefront sends it so). `text/plain` and
 * the other types a browser form may send cross-site without a preflight are refused (decision 0021).
 */
const CSV_CONTENT_TYPES = ['text/csv'];

const consoleRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/stock',
  tags: ['cooperatives'],
  summary: 'Stock console: listings with lots, adjustments and authors, low-stock and expiry alerts (managers, staff)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, query: StockConsoleQuerySchema },
  responses: {
    200: json(StockConsoleSchema, 'The stock'),
    ...errorsFor(401, 404, 422),
  },
});

const thresholdRoute = createRoute({
  method: 'put',
  path: '/cooperatives/{sellerId}/listings/{listingId}/threshold',
  tags: ['cooperatives'],
  summary: "Set or clear (null) a listing's low-stock threshold (managers, staff)",
  security: bearer,
  middleware: [signedIn] as const,
  request: {
    params: z.object({ sellerId: IdSchema, listingId: IdSchema }),
    body: jsonBody(LowStockThresholdSchema),
  },
  responses: {
    200: json(LowStockThresholdResultSchema, 'Set'),
    ...errorsFor(400, 401, 404, 413, 415, 422),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/stock.csv',
  tags: ['cooperatives'],
  summary: 'Stock as CSV for Excel: UTF-8 with BOM, CRLF, quoted fields (managers, staff)',
  description: 'One row per lot with stock. `separator=semicolon` for spreadsheets whose list separator is `;`.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, query: StockExportQuerySchema },
  responses: { 200: csvResponse('The stock file'), 401: errors[401], 404: errors[404], 422: errors[422] },
});

const importRoute = createRoute({
  method: 'post',
  path: '/cooperatives/{sellerId}/stock.csv',
  tags: ['cooperatives'],
  summary: 'Import stock from CSV: preview (writes nothing) or apply (all rows or none) (managers, staff)',
  description: [
    'The body is the file itself (at most 2 MB): UTF-8 with or without BOM, UTF-16 with BOM or',
    'Windows-1258; comma or semicolon separated. A row with a lot id or trace code sets that lot to the',
    'counted `on_hand` (an adjustment with reason `count`); any other row receives a new lot and needs',
    '`listing_id`, `quantity` and a `row_ref` unique in the cooperative: a row whose `row_ref` was',
    'applied before is skipped, so importing a file twice does not double the stock. Apply with any',
    'problem answers 422 with every problem (row, column, messages) in `details`, and writes nothing.',
  ].join(' '),
  security: bearer,
  middleware: [signedIn] as const,
  request: {
    params: CooperativeParams,
    query: StockImportQuerySchema,
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string() },
      },
    },
  },
  responses: {
    200: json(StockImportResultSchema, 'What each row does (preview) or did (apply)'),
    ...errorsFor(401, 404, 409, 413, 415, 422),
  },
});

const labelsRoute = createRoute({
  method: 'get',
  path: '/cooperatives/{sellerId}/labels',
  tags: ['cooperatives'],
  summary: 'Trace label data with QR codes for lots (managers, staff)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CooperativeParams, query: LabelsQuerySchema },
  responses: {
    200: json(LabelsSchema, 'One label per lot, in the order asked'),
    ...errorsFor(401, 404, 422),
  },
});

export function stockRoutes(deps: Deps) {
  return createRouter()
    .openapi(consoleRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await stock.getStockConsole(deps, requireUser(c), sellerId, c.req.valid('query')), 200);
    })
    .openapi(thresholdRoute, async (c) => {
      const { sellerId, listingId } = c.req.valid('param');
      return c.json(
        await stock.setListingLowStockThreshold(deps, requireUser(c), sellerId, listingId, c.req.valid('json')),
        200,
      );
    })
    .openapi(exportRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      const file = await stock.exportStockCsv(deps, requireUser(c), sellerId, c.req.valid('query'));
      return c.body(file.bytes, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'private, no-store',
      });
    })
    .openapi(importRoute, async (c) => {
      const user = requireUser(c);
      const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!CSV_CONTENT_TYPES.includes(contentType)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
          message: 'send the CSV file itself as the body, with Content-Type text/csv',
          details: { accepted: CSV_CONTENT_TYPES },
        });
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength > MAX_STOCK_CSV_BYTES) {
        throw new AppError('PAYLOAD_TOO_LARGE', { message: 'a stock file may be at most 2 MB' });
      }
      const { sellerId } = c.req.valid('param');
      const { mode } = c.req.valid('query');
      return c.json(await importStockCsv(deps, user, sellerId, { bytes, mode }), 200);
    })
    .openapi(labelsRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(
        { labels: await stock.getLabels(deps, requireUser(c), sellerId, c.req.valid('query').lotIds) },
        200,
      );
    });
}

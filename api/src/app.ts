import { getConnInfo } from '@hono/node-server/conninfo';
import { MAX_BANK_STATEMENT_BYTES, MAX_STOCK_CSV_BYTES } from '@nongsan/contracts';
import { MAX_INPUT_BYTES } from '@nongsan/media';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './app-deps.ts';
import { AppError, errorResponse } from './errors.ts';
import { clientAddress, trustChecker } from './lib/client-ip.ts';
import type { AppEnv } from './lib/context.ts';
import { sameOriginForCookies } from './lib/csrf.ts';
import { createRouter } from './lib/router.ts';
import { addressRoutes } from './modules/addresses/addresses.routes.ts';
import { authRoutes, SESSION_COOKIE } from './modules/auth/auth.routes.ts';
import { authenticate } from './modules/auth/index.ts';
import { communeRoutes } from './modules/communes/communes.routes.ts';
import { memberRoutes } from './modules/cooperatives/members.routes.ts';
import { reportRoutes } from './modules/cooperatives/reports.routes.ts';
import { stockRoutes } from './modules/cooperatives/stock.routes.ts';
import { docsPage } from './modules/docs/docs.page.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { inventoryRoutes } from './modules/inventory/inventory.routes.ts';
import { catalogueRoutes } from './modules/listings/catalogue.routes.ts';
import { listingRoutes } from './modules/listings/listings.routes.ts';
import { mediaRoutes } from './modules/media/media.routes.ts';
import { orderRoutes } from './modules/orders/orders.routes.ts';
import { balanceRoutes } from './modules/payments/balances.routes.ts';
import { paymentRoutes } from './modules/payments/payments.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { certificationRoutes } from './modules/sellers/certifications.routes.ts';
import { deliveryZoneRoutes } from './modules/sellers/delivery-zones.routes.ts';
import { sellerRoutes } from './modules/sellers/sellers.routes.ts';

export const API_PREFIX = '/api/v1';
/** Multipart framing (boundaries, part headers) around the file: 64 KiB is far more than it needs. */
const MEDIA_UPLOAD_LIMIT_BYTES = MAX_INPUT_BYTES + 64 * 1024;

/** The address of the connection itself (the last hop), from Node's socket. */
function peerOf(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // app.request() without a socket binding.
    return null;
  }
}

/** Builds the HTTP app from its dependencies; server.ts listens, tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = createRouter();
  const { logger, env } = deps;
  const isTrustedProxy = trustChecker(env.trustedProxies);

  app.use(
    requestId({
      headerName: 'x-request-id',
      // Accept a caller's id only if it is short and plain, so it is safe to log and echo.
      generator: () => crypto.randomUUID(),
    }),
  );
  app.use(async (c, next) => {
    c.set('clientIp', clientAddress(peerOf(c), c.req.header('x-forwarded-for'), isTrustedProxy));
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(secureHeaders({ crossOriginResourcePolicy: 'same-site' }));
  // Before any body is read or any session looked up: a forged cross-site request does nothing.
  app.use(`${API_PREFIX}/*`, sameOriginForCookies({ allowedOrigins: env.allowedOrigins, cookieName: SESSION_COOKIE }));
  const jsonBodyLimit = bodyLimit({
    maxSize: env.bodyLimitBytes,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', { message: `body larger than ${env.bodyLimitBytes} bytes` });
    },
  });
  // Photo uploads are the one route with a big body: the largest photo accepted plus room for the
  // multipart framing. Anything bigger is refused before it is read, in the same envelope.
  const uploadBodyLimit = bodyLimit({
    maxSize: MEDIA_UPLOAD_LIMIT_BYTES,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        message: `a photo may be at most ${MAX_INPUT_BYTES} bytes`,
        details: { maxBytes: MAX_INPUT_BYTES },
      });
    },
  });
  // A stock CSV import is the raw file: up to 2 MB, refused before it is read when larger.
  const stockCsvBodyLimit = bodyLimit({
    maxSize: MAX_STOCK_CSV_BYTES,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        message: `a stock file may be at most ${MAX_STOCK_CSV_BYTES} bytes`,
        details: { maxBytes: MAX_STOCK_CSV_BYTES },
      });
    },
  });
  // A bank statement: up to 10 MB (plus multipart framing), refused before it is read when larger.
  const statementBodyLimit = bodyLimit({
    maxSize: MAX_BANK_STATEMENT_BYTES + 64 * 1024,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        message: `a statement may be at most ${MAX_BANK_STATEMENT_BYTES} bytes`,
        details: { maxBytes: MAX_BANK_STATEMENT_BYTES },
      });
    },
  });
  // Stripe's events are a few kilobytes; a charge with many refunds more. Not JSON-parsed here:
  // the webhook reads the raw body itself, to verify its signature.
  const webhookBodyLimit = bodyLimit({
    maxSize: 512 * 1024,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', { message: 'webhook body too large' });
    },
  });
  const STOCK_CSV_PATH = new RegExp(`^${API_PREFIX}/cooperatives/[^/]+/stock\\.csv$`);
  app.use(`${API_PREFIX}/*`, (c, next) => {
    if (c.req.path === `${API_PREFIX}/media`) return uploadBodyLimit(c, next);
    if (c.req.method === 'POST' && STOCK_CSV_PATH.test(c.req.path)) return stockCsvBodyLimit(c, next);
    if (c.req.path === `${API_PREFIX}/payments/bank-statements`) return statementBodyLimit(c, next);
    if (c.req.path === `${API_PREFIX}/payments/stripe/webhook`) return webhookBodyLimit(c, next);
    return jsonBodyLimit(c, next);
  });
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : getCookie(c, SESSION_COOKIE);
    c.set('user', token ? await authenticate(deps, token) : null);
    await next();
  });

  const routes = app
    .route('/', healthRoutes(deps))
    .route(API_PREFIX, authRoutes(deps))
    .route(API_PREFIX, sellerRoutes(deps))
    .route(API_PREFIX, catalogueRoutes())
    .route(API_PREFIX, mediaRoutes(deps))
    .route(API_PREFIX, certificationRoutes(deps))
    .route(API_PREFIX, deliveryZoneRoutes(deps))
    .route(API_PREFIX, listingRoutes(deps))
    .route(API_PREFIX, inventoryRoutes(deps))
    // Everything under /cooperatives/:sellerId: members, stock console and CSV, labels, reports.
    .route(API_PREFIX, memberRoutes(deps))
    .route(API_PREFIX, stockRoutes(deps))
    .route(API_PREFIX, reportRoutes(deps))
    .route(API_PREFIX, orderRoutes(deps))
    .route(API_PREFIX, paymentRoutes(deps))
    .route(API_PREFIX, balanceRoutes(deps))
    .route(API_PREFIX, searchRoutes(deps))
    .route(API_PREFIX, communeRoutes())
    .route(API_PREFIX, addressRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  app.doc31(`${API_PREFIX}/openapi.json`, {
    openapi: '3.1.0',
    info: {
      title: 'nongsan API',
      version: '1.0.0',
      description: 'Marketplace for farm produce: sign-in by phone, sellers, cooperatives, orders and payments.',
    },
    servers: [{ url: '/' }],
  });
  app.get('/api/docs', (c) => c.html(docsPage(`${API_PREFIX}/openapi.json`)));

  app.notFound(() => {
    throw new AppError('NOT_FOUND', { message: 'no such route' });
  });
  app.onError((err, c) => errorResponse(c, err, logger));
  return routes;
}

export type AppType = ReturnType<typeof createApp>;

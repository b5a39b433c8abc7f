// The browser tests' api.stripe.com: the payments package's local stand-in, on the port the e2e API
// is configured with (playwright.config.ts, STRIPE_API_URL), so the API creates its PaymentIntents
// with the real stripe SDK without the network. Run by Playwright as a web server.
import { startFakeStripeServer } from '@nongsan/payments/testing';

const port = Number(process.env.STRIPE_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('STRIPE_PORT is not set');
const stripe = await startFakeStripeServer({ port });
const stop = () => void stripe.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

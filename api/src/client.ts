import { hc } from 'hono/client';
import type { AppType } from './app.ts';

/** The typed client the storefront uses (type-only import of the app: no server code reaches the web). */
export type Client = ReturnType<typeof hc<AppType>>;
export const createClient = (...args: Parameters<typeof hc>): Client => hc<AppType>(...args);

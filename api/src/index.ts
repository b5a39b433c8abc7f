export { API_PREFIX, type AppType, createApp } from './app.ts';
export type { Deps } from './deps.ts';
export { loadEnv } from './env.ts';
export { type Clock, systemClock } from './lib/clock.ts';
export { createLogger } from './lib/logger.ts';
export type { SmsSender } from './lib/sms.ts';

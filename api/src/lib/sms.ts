import type { Env } from '../env.ts';
import type { Logger } from './logger.ts';

/** Sends a text message. Implementations: console (development) and an HTTP gateway. */
export type SmsSender = {
  readonly name: 'console' | 'http';
  send(message: { to: string; text: string }): Promise<void>;
};

export function createSmsSender(config: Env['sms'], logger: Logger): SmsSender {
  if (config.provider === 'http') return httpSmsSender(config.url, config.token);
  return {
    name: 'console',
    async send({ to, text }) {
      // Development only (env.ts refuses it in production): the text includes the sign-in code.
      logger.info({ sms: { to, text } }, 'sms (console provider)');
    },
  };
}

/**
 * A generic SMS gateway: POST JSON `{to, text}` with a bearer token. Vietnamese gateways
 * (eSMS, SpeedSMS, Viettel) all accept this shape through a small adapter of theirs or ours.
 */
export function httpSmsSender(url: string, token: string, fetchImpl: typeof fetch = fetch): SmsSender {
  return {
    name: 'http',
    async send({ to, text }) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`sms gateway answered ${response.status}`);
    },
  };
}

import { createRoute } from '@hono/zod-openapi';
import { MeSchema, OtpRequestSchema, OtpSentSchema, SessionSchema, VerifyRequestSchema } from '@nongsan/contracts';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as auth from './auth.service.ts';

export const SESSION_COOKIE = 'ns_session';

const otpRoute = createRoute({
  method: 'post',
  path: '/auth/otp',
  tags: ['auth'],
  summary: 'Send a sign-in code by SMS',
  request: { body: jsonBody(OtpRequestSchema) },
  responses: {
    202: json(OtpSentSchema, 'Code sent (the same answer whether or not the phone has an account)'),
    ...errorsFor(400, 415, 422, 429),
  },
});

const verifyRoute = createRoute({
  method: 'post',
  path: '/auth/verify',
  tags: ['auth'],
  summary: 'Exchange a code for a session (token and HttpOnly cookie)',
  request: { body: jsonBody(VerifyRequestSchema) },
  responses: { 200: json(SessionSchema, 'Signed in'), 400: errors[400], 415: errors[415], 422: errors[422] },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End this session',
  security: bearer,
  middleware: [signedIn] as const,
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Signed out'), 401: errors[401] },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'Who am I: user, seller profiles and roles',
  security: bearer,
  middleware: [signedIn] as const,
  responses: { 200: json(MeSchema, 'The signed-in user'), 401: errors[401] },
});

export function authRoutes(deps: Deps) {
  return createRouter()
    .openapi(otpRoute, async (c) => {
      const sent = await auth.requestCode(deps, c.req.valid('json'), c.get('clientIp'));
      return c.json(sent, 202);
    })
    .openapi(verifyRoute, async (c) => {
      const session = await auth.verifyCode(deps, c.req.valid('json'), {
        userAgent: c.req.header('user-agent') ?? null,
      });
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.env.session.secureCookie,
        path: '/',
        expires: new Date(session.expiresAt),
      });
      return c.json(session, 200);
    })
    .openapi(logoutRoute, async (c) => {
      await auth.logout(deps, requireUser(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(meRoute, async (c) => {
      return c.json(await auth.getMe(deps, requireUser(c)), 200);
    });
}

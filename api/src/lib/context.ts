import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';

export type SessionUser = { userId: string; phone: string; sessionId: string; isOperator: boolean };

export type AppEnv = {
  Variables: {
    requestId: string;
    /** Set by the session middleware: the signed-in user, or null for anonymous requests. */
    user: SessionUser | null;
    clientIp: string;
  };
};

/** The signed-in user, or 401 UNAUTHENTICATED. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED', { message: 'sign in first' });
  return user;
}

/**
 * Route middleware for signed-in routes: runs before request validation, so an anonymous caller
 * learns only that it must sign in, whatever it sent.
 */
export const signedIn = createMiddleware<AppEnv>(async (c, next) => {
  requireUser(c);
  await next();
});

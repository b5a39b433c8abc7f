import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';

/**
 * Operators only (ADMIN_PHONES): the online money is the marketplace's, so only they record it,
 * give it back and pay it out. 403, not 404: that these routes exist is no secret, and nothing
 * about any order or seller is looked up before this check.
 */
export function requireOperator(user: SessionUser): void {
  if (!user.isOperator) throw new AppError('FORBIDDEN', { message: 'only an operator may do this' });
}

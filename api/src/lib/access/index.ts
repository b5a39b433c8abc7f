import type { DbOrTx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../context.ts';
import { type Resource, standingsOf } from './access.repo.ts';
import { type Permission, ruleOf, visibleTo } from './permissions.ts';

export type { Resource } from './access.repo.ts';
export { PERMISSIONS, type Permission } from './permissions.ts';

// One question per check, in the spirit of immich's access repository: a service asks "may this
// user do <permission> on <id>" and gets the answer, 404 or 403 included, instead of loading a role
// and turning one error into another itself.

const notFound = (resource: Resource) => new AppError('NOT_FOUND', { message: `${resource} not found` });

/** Those of `ids` the user may act on under `permission` (anonymous: none). Never throws. */
export async function accessibleIds(
  db: DbOrTx,
  user: SessionUser | null,
  permission: Permission,
  ids: readonly string[],
): Promise<Set<string>> {
  if (!user || ids.length === 0) return new Set();
  const rule = ruleOf(permission);
  const standings = await standingsOf(db, rule.resource, user.userId, [...new Set(ids)]);
  return new Set([...standings].filter(([, s]) => s.role !== null && rule.roles.includes(s.role)).map(([id]) => id));
}

/** Whether the user may act on `id` under `permission` (anonymous: no). Never throws. */
export async function hasAccess(
  db: DbOrTx,
  user: SessionUser | null,
  permission: Permission,
  id: string,
): Promise<boolean> {
  return (await accessibleIds(db, user, permission, [id])).has(id);
}

/**
 * The check before anything else: returns when the user may act on `id` under `permission`. A
 * caller who may not know it exists (not on the seller's team, or the id names nothing) gets 404
 * `<resource> not found`, exactly as if it did not; one who may see it but not do this gets 403.
 */
export async function requireAccess(db: DbOrTx, user: SessionUser, permission: Permission, id: string): Promise<void> {
  const rule = ruleOf(permission);
  const role = (await standingsOf(db, rule.resource, user.userId, [id])).get(id)?.role ?? null;
  if (role === null || !visibleTo(rule).includes(role)) throw notFound(rule.resource);
  if (!rule.roles.includes(role)) {
    throw new AppError('FORBIDDEN', { message: 'refusal' in rule ? rule.refusal : 'you may not do this' });
  }
}

/**
 * Operators only (ADMIN_PHONES): the online money is the marketplace's, so only they record it,
 * give it back and pay it out. 403, not 404: that these routes exist is no secret, and nothing
 * about any order or seller is looked up before this check.
 */
export function requireOperator(user: SessionUser): void {
  if (!user.isOperator) throw new AppError('FORBIDDEN', { message: 'only an operator may do this' });
}

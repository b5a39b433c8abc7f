// Reading the member forms (add and edit) and explaining the API's refusals of them. Relative
// imports and structural types only: the tests project type-checks this file too.
import type { MemberDisplayPreference } from '@nongsan/contracts';
import type { Message } from '../i18n/index.ts';

export type MemberRoleInput = 'manager' | 'staff' | 'member';

/** The role radio; anything unexpected is the safest role, a plain member. */
export function parseRole(value: string): MemberRoleInput {
  return value === 'manager' || value === 'staff' ? value : 'member';
}

export function parseDisplay(value: string): MemberDisplayPreference {
  return value === 'full' || value === 'none' ? value : 'initials';
}

/**
 * 409 on a member form: the phone is another member's, or the change would lock out the person
 * acting or the owner (their role, phone or status); the API's `details.field` says which field.
 */
export function protectedOrTaken(failure: { message: string; details: unknown }): {
  form: Message;
  fields: Record<string, Message>;
} {
  const field =
    typeof failure.details === 'object' && failure.details !== null && 'field' in failure.details
      ? String((failure.details as { field: unknown }).field)
      : '';
  // Both refusals name the phone field; only the English message tells them apart (the protected
  // one mentions "own membership"), so a phone refusal reads as "taken" unless it says so.
  const isOwnOrOwner = field === 'role' || field === 'status' || /own membership/i.test(failure.message);
  if (field === 'phone' && !isOwnOrOwner) {
    return { form: { key: 'err.form' }, fields: { phone: { key: 'coop.err.phoneTaken' } } };
  }
  return { form: { key: 'coop.err.protected' }, fields: {} };
}

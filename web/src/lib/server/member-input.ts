// Reading the member forms (add and edit) with the contract's schema for a member. Kept apart from
// member-form.ts, which explains the API's refusals of them.
import { MemberCreateSchema } from '@nongsan/contracts';
import { checkForm, type FieldMessages, formText } from './form.ts';
import { parseDisplay, parseRole } from './member-form.ts';

const MEMBER_FIELDS = ['name', 'phone', 'role', 'displayPreference'] as const;
export type MemberValues = Record<(typeof MEMBER_FIELDS)[number], string>;

/** A phone that is not a Vietnamese mobile says so; an empty one means "no phone". */
export const MEMBER_MESSAGES: FieldMessages = { phone: { invalid: { key: 'err.phone' } } };

/**
 * What was typed, and the member it describes. The role and the name display are radios:
 * anything unexpected is the safest choice (a plain member, initials), as before.
 */
export function readMember(form: FormData) {
  const values: MemberValues = formText(form, MEMBER_FIELDS);
  const checked = checkForm(
    MemberCreateSchema,
    { ...values, role: parseRole(values.role), displayPreference: parseDisplay(values.displayPreference) },
    MEMBER_MESSAGES,
  );
  return { values, checked };
}

import { fromMilli, parseQuantityMilli } from '@nongsan/contracts';
// Form actions, written once: who may post (the sign-in guard), and reading a plain form post into
// a typed value with a zod schema built from the contracts' own schemas, so the storefront checks a
// field the way the API will and every mistake shows at once next to its field. The API stays the
// last word; its refusals are read by failures.ts.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Message } from '../i18n/index.ts';
import { parseWholeNumber } from '../numbers.ts';
import { signInUrl } from './redirect.ts';

/** What a form action returns when it fails: one message for the form, one per failing field. */
export type FormErrors = { form: Message | null; fields: Record<string, Message> };

// Relative imports and structural types, so the unit tests' project (without SvelteKit's App
// types and aliases) checks this file too.
type GuardEvent = { locals: { token: string | null }; url: URL };

/**
 * The sign-in guard of every action that needs a signed-in person: without a session, to the
 * sign-in page and back to this page afterwards. (Pages' loads use `requireMe`, which also tells
 * an unreachable API from a signed-out visitor.)
 */
export function requireSignedIn(event: GuardEvent): void {
  if (!event.locals.token) redirect(303, signInUrl(event.url));
}

/** The API no longer takes this session (expired, revoked): sign in again and come back. */
export function redirectIfSignedOut(failure: { code: string }, url: URL): void {
  if (failure.code === 'UNAUTHENTICATED') redirect(303, signInUrl(url));
}

/** The text of a form's named fields, trimmed; a field that is missing or a file reads as ''. */
export function formText<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = form.get(name);
    values[name] = typeof value === 'string' ? value.trim() : '';
  }
  return values;
}

/**
 * What to say about a field: one message for any mistake in it, or separate ones for "left
 * empty" and "not right". Without one, an empty field is "required", too long text is "too
 * long", anything else is "invalid" (the same words as for the API's own 422s).
 */
export type FieldMessage = Message | { required?: Message; invalid: Message };
export type FieldMessages = Partial<Record<string, FieldMessage>>;

export type FormCheck<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/**
 * Checks a form's text with a schema. An empty field is not given (`undefined`), so `.optional()`
 * in the schema means "may be left empty", as it does for the API's JSON bodies. The first issue
 * of each field is the one shown.
 */
export function checkForm<S extends z.ZodType>(
  schema: S,
  values: Readonly<Record<string, string>>,
  messages: FieldMessages = {},
): FormCheck<z.output<S>> {
  const input = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: Record<string, Message> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    fields[field] ??= messageFor(issue, input[field] === undefined, messages[field]);
  }
  return { ok: false, errors: { form: { key: 'err.form' }, fields } };
}

function messageFor(issue: z.core.$ZodIssue, isEmpty: boolean, given: FieldMessage | undefined): Message {
  if (given && 'key' in given) return given;
  if (isEmpty) return given?.required ?? { key: 'err.required' };
  if (given) return given.invalid;
  if (issue.code === 'too_big' && issue.origin === 'string') return { key: 'err.tooLong' };
  if (issue.code === 'too_small' && issue.origin === 'string') return { key: 'err.required' };
  return { key: 'err.invalid' };
}

/** The first message of a failed check, for the small one-message forms (a card's − / +). */
export function firstError(errors: FormErrors): Message {
  return Object.values(errors.fields)[0] ?? errors.form ?? { key: 'err.invalid' };
}

/** A failed check of a form that shows its fields again: what was typed, and what is wrong. */
export function invalid<V extends Record<string, string>>(values: V, errors: FormErrors) {
  return fail(422, { values, errors });
}

// --- Pieces for form schemas: form fields are text, the contracts' schemas take JSON values. ---

/**
 * A whole number as people type it ("45.000", "45k" is not one, "1 000 đ" is), then checked by
 * the contract's number schema. Text that is not a number stays text, so the schema refuses it.
 */
/** A typed quantity ("1,5" or "1.5") as the decimal number the API takes; junk is left for the schema to refuse. */
export function decimalQuantity<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const milli = parseQuantityMilli(v);
    return milli === null ? v : fromMilli(milli);
  }, schema);
}

export function wholeNumber<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => (typeof v === 'string' ? (parseWholeNumber(v) ?? v) : v), schema);
}

// API failures turned into messages a person reads, in their language (the page translates the
// keys). Codes are the contract; the API's English `message` is for logs and developers only.
import { errorDetailsOf, type FieldIssue } from '@nongsan/contracts';
import type { Message, MessageKey } from '$lib/i18n/index.ts';
import type { ApiFailure } from './api.ts';
import type { FormErrors } from './form.ts';

export type { FormErrors } from './form.ts';
export type { FieldIssue };

/** The message for a failure that is not about one field. */
export function messageFor(failure: ApiFailure): Message {
  switch (failure.code) {
    case 'VALIDATION_FAILED':
      return { key: 'err.form' };
    case 'INVALID_CODE': {
      const attemptsLeft = attemptsLeftOf(failure.details);
      return attemptsLeft > 0 ? { key: 'err.codeWrong', params: { n: attemptsLeft } } : { key: 'err.codeDead' };
    }
    case 'RATE_LIMITED':
      // Retry-After is in seconds; people read whole minutes, rounded up so "try in 1 minute" is never early.
      return { key: 'err.rateLimited', params: { minutes: Math.max(1, Math.ceil((failure.retryAfter ?? 3600) / 60)) } };
    case 'UNAUTHENTICATED':
      return { key: 'err.unauthenticated' };
    case 'CONFLICT':
      return { key: 'err.conflict' };
    case 'PAYLOAD_TOO_LARGE':
      return { key: 'err.tooLarge' };
    case 'NETWORK':
    case 'SERVICE_UNAVAILABLE':
    case 'SEARCH_UNAVAILABLE':
      return { key: 'err.unavailable' };
    default:
      return { key: 'err.generic' };
  }
}

/**
 * Form errors from a failure. VALIDATION_FAILED details point at fields; `fieldKeys` names the
 * message for a field whose value is wrong (format, unknown province...), while empty and
 * too-long values get the common messages. The form-level message says to fix the marked
 * fields, so an issue on a field the form does not show is still not silent.
 */
export function formErrorsFor(failure: ApiFailure, fieldKeys: Record<string, MessageKey> = {}): FormErrors {
  if (failure.code !== 'VALIDATION_FAILED') return { form: messageFor(failure), fields: {} };
  const fields: Record<string, Message> = {};
  for (const issue of fieldIssuesOf(failure.details)) {
    const field = issue.path.split('.')[0] ?? '';
    fields[field] ??= fieldMessage(issue, fieldKeys[field]);
  }
  return { form: { key: 'err.form' }, fields };
}

function fieldMessage(issue: FieldIssue, specific: MessageKey | undefined): Message {
  if (issue.code === 'too_big') return { key: 'err.tooLong' };
  if (issue.code === 'too_small') return { key: 'err.required' };
  return { key: specific ?? 'err.invalid' };
}

/** The issues that name a field (a stock file's name a row and column instead). */
function fieldIssuesOf(details: unknown): FieldIssue[] {
  return (errorDetailsOf('VALIDATION_FAILED', details) ?? []).filter((d): d is FieldIssue => 'path' in d);
}

function attemptsLeftOf(details: unknown): number {
  return Math.max(0, errorDetailsOf('INVALID_CODE', details)?.attemptsLeft ?? 0);
}

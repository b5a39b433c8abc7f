import { formatVnPhone } from '@nongsan/vn/phone';
import { fail, redirect } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import { type FormErrors, formErrorsFor, messageFor } from '$lib/server/failures.ts';
import { formText, redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
import { protectedOrTaken } from '$lib/server/member-form.ts';
import { readMember } from '$lib/server/member-input.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'worker');
  const result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId'].members.$get({ param: { sellerId: coop.sellerId } }),
  );
  if (!result.ok) failLoad(result.failure, url, 'members');
  const members = result.data.members
    .map((m) => ({
      id: m.id,
      name: m.name,
      phone: m.phone ? (formatVnPhone(m.phone) ?? m.phone) : null,
      role: m.role,
      status: m.status,
      displayPreference: m.displayPreference,
      hasAccount: m.hasAccount,
      isMe: m.id === coop.memberId,
    }))
    // Active first, then by name the Vietnamese way.
    .sort(
      (a, b) => Number(a.status === 'inactive') - Number(b.status === 'inactive') || a.name.localeCompare(b.name, 'vi'),
    );
  // After an add or an edit (both redirect here): who it was, to confirm it.
  const added = members.find((m) => m.id === url.searchParams.get('added'));
  const saved = members.find((m) => m.id === url.searchParams.get('saved'));
  const done: Message | null = added
    ? { key: 'coop.member.added', params: { name: added.name } }
    : saved
      ? { key: 'coop.member.saved', params: { name: saved.name } }
      : null;
  return { members, done };
};

type StatusResult = { memberId: string; ok: boolean; message: Message };

function refuseStatus(event: RequestEvent, memberId: string, failure: ApiFailure) {
  redirectIfSignedOut(failure, event.url);
  const message: Message =
    failure.code === 'NOT_FOUND'
      ? { key: 'coop.err.gone' }
      : failure.code === 'CONFLICT'
        ? { key: 'coop.err.protected' }
        : messageFor(failure);
  return fail(failure.status, { memberId, ok: false, message } satisfies StatusResult);
}

async function setStatus(event: RequestEvent, action: 'deactivate' | 'reactivate') {
  requireSignedIn(event);
  const { memberId } = formText(await event.request.formData(), ['memberId']);
  const member = event.locals.api.api.v1.cooperatives[':sellerId'].members[':memberId'];
  const param = { sellerId: event.params.sellerId, memberId };
  const result = await call(() =>
    action === 'deactivate' ? member.deactivate.$post({ param }) : member.reactivate.$post({ param }),
  );
  if (!result.ok) return refuseStatus(event, memberId, result.failure);
  return {
    memberId,
    ok: true,
    message: {
      key: action === 'deactivate' ? 'coop.member.deactivated' : 'coop.member.reactivated',
      params: { name: result.data.name },
    },
  } satisfies StatusResult;
}

export const actions = {
  /** A new member: a name, a role, how their name is printed, and a phone only if they have one. */
  add: async (event) => {
    const { locals, url, params } = event;
    requireSignedIn({ locals, url });
    const { values, checked } = readMember(await event.request.formData());
    const failed = (status: number, errors: FormErrors) => fail(status, { add: { values, errors } });
    if (!checked.ok) return failed(422, checked.errors);
    const result = await call(() =>
      locals.api.api.v1.cooperatives[':sellerId'].members.$post({
        param: { sellerId: params.sellerId },
        json: checked.data,
      }),
    );
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, url);
      if (failure.code === 'CONFLICT') return failed(409, protectedOrTaken(failure));
      return failed(failure.status, formErrorsFor(failure, { phone: 'err.phone' }));
    }
    // Back to the list (a reload does not add them twice), which names who was added.
    redirect(303, `?added=${encodeURIComponent(result.data.id)}#tv-${encodeURIComponent(result.data.id)}`);
  },

  deactivate: (event) => setStatus(event, 'deactivate'),
  reactivate: (event) => setStatus(event, 'reactivate'),
} satisfies Actions;

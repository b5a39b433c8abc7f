import { formatVnPhone } from '@nongsan/vn/phone';
import { error, fail, redirect } from '@sveltejs/kit';
import { coopPath } from '$lib/coop/console.ts';
import { call } from '$lib/server/api.ts';
import { failLoad, requireCoop } from '$lib/server/coop.ts';
import { type FormErrors, formErrorsFor } from '$lib/server/failures.ts';
import { redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
import { protectedOrTaken } from '$lib/server/member-form.ts';
import { readMember } from '$lib/server/member-input.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const coop = await requireCoop(locals, url, params.sellerId, 'manager');
  // There is no "one member" read: the list is small, and it is what the manager just saw.
  const result = await call(() =>
    locals.api.api.v1.cooperatives[':sellerId'].members.$get({ param: { sellerId: coop.sellerId } }),
  );
  if (!result.ok) failLoad(result.failure, url, 'members');
  const member = result.data.members.find((m) => m.id === params.memberId);
  if (!member) error(404, { message: 'member not found' });
  return {
    member: {
      id: member.id,
      name: member.name,
      phone: member.phone ? (formatVnPhone(member.phone) ?? member.phone) : '',
      role: member.role,
      status: member.status,
      displayPreference: member.displayPreference,
      hasAccount: member.hasAccount,
      isMe: member.id === coop.memberId,
    },
  };
};

export const actions = {
  save: async ({ request, locals, url, params }) => {
    requireSignedIn({ locals, url });
    const { values, checked } = readMember(await request.formData());
    const failed = (status: number, errors: FormErrors) => fail(status, { values, errors });
    if (!checked.ok) return failed(422, checked.errors);
    // Every field is sent as shown: unchanged ones change nothing, and an emptied phone removes it.
    const result = await call(() =>
      locals.api.api.v1.cooperatives[':sellerId'].members[':memberId'].$patch({
        param: { sellerId: params.sellerId, memberId: params.memberId },
        json: { ...checked.data, phone: checked.data.phone ?? null },
      }),
    );
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, url);
      if (failure.code === 'NOT_FOUND') error(404, { message: 'member not found' });
      if (failure.code === 'CONFLICT') return failed(409, protectedOrTaken(failure));
      return failed(failure.status, formErrorsFor(failure, { phone: 'err.phone' }));
    }
    redirect(
      303,
      `${coopPath(params.sellerId, 'thanh-vien')}?saved=${encodeURIComponent(result.data.id)}#tv-${encodeURIComponent(result.data.id)}`,
    );
  },
} satisfies Actions;

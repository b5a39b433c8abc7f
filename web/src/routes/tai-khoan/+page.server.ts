import { formatDateVn, formatVnPhone } from '@nongsan/vn';
import { redirect } from '@sveltejs/kit';
import { call } from '$lib/server/api.ts';
import { clearSessionCookie, requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  const created = url.searchParams.get('created');
  return {
    user: {
      name: me.user.name,
      phone: formatVnPhone(me.user.phone) ?? me.user.phone,
      since: formatDateVn(me.user.createdAt),
    },
    isOperator: me.isOperator,
    sellers: me.sellers.map(({ sellerId, kind, name, role, memberId }) => ({ sellerId, kind, name, role, memberId })),
    // The seller just created, to confirm it (only if it really is one of mine).
    createdName: me.sellers.find((s) => s.sellerId === created)?.name ?? null,
  };
};

export const actions = {
  signOut: async ({ locals, cookies }) => {
    if (locals.token) {
      // Revoke the session at the API too; if that fails the cookie still goes, and the token
      // expires on its own.
      const result = await call(() => locals.api.api.v1.auth.logout.$post());
      if (!result.ok && result.failure.code !== 'UNAUTHENTICATED') {
        console.warn(JSON.stringify({ msg: 'sign-out: API logout failed', code: result.failure.code }));
      }
    }
    locals.token = null;
    clearSessionCookie(cookies);
    redirect(303, '/');
  },
} satisfies Actions;

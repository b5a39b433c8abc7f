import { redirect } from '@sveltejs/kit';
import { safeRedirectPath } from '$lib/server/redirect.ts';
import { signInActions } from '$lib/server/sign-in.ts';
import type { Actions, PageServerLoad } from './$types';

const AFTER_SIGN_IN = '/tai-khoan';

export const load: PageServerLoad = async ({ locals, url }) => {
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), AFTER_SIGN_IN);
  // Already signed in: nothing to do here.
  if (await locals.me.catch(() => null)) redirect(303, redirectTo);
  return { redirectTo };
};

export const actions = signInActions(AFTER_SIGN_IN) satisfies Actions;

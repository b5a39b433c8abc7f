import { redirect } from '@sveltejs/kit';
import { isLocale, LOCALE_COOKIE } from '$lib/i18n/index.ts';
import { safeRedirectPath } from '$lib/server/redirect.ts';
import type { RequestHandler } from './$types';

/**
 * The language switch: a plain link (`/lang?to=en&back=/tai-khoan`), so it works without
 * JavaScript. It only stores a display preference, which is why a GET may set it.
 */
export const GET: RequestHandler = ({ url, cookies }) => {
  const to = url.searchParams.get('to');
  if (isLocale(to)) {
    cookies.set(LOCALE_COOKIE, to, {
      path: '/',
      httpOnly: false,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: 60 * 60 * 24 * 365,
    });
  }
  redirect(303, safeRedirectPath(url.searchParams.get('back'), '/'));
};

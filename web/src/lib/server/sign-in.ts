// Signing in with a phone number and a code, as form actions: the sign-in page uses them, and so
// does checkout, where a buyer signs in without leaving the order. Both steps work as plain posts.
import { maskPhone } from '@nongsan/vn';
import { type Cookies, fail, redirect } from '@sveltejs/kit';
import { call } from './api.ts';
import { env } from './env.ts';
import { type FormErrors, formErrorsFor } from './failures.ts';
import { formText } from './form.ts';
import { safeRedirectPath } from './redirect.ts';
import { setSessionCookie } from './session.ts';

export type PhoneStep = { step: 'phone'; phone: string; redirectTo: string; errors: FormErrors };
export type CodeStep = {
  step: 'code';
  phone: string;
  redirectTo: string;
  sentTo: string;
  /** null when re-showing the step after a failure (the code may be older). */
  expiresInMinutes: number | null;
  /** Only outside production, when the API's console SMS provider hands the code back. */
  devCode: string | null;
  resent: boolean;
  name: string;
  errors: FormErrors | null;
};
export type SignInStep = PhoneStep | CodeStep;

type ActionEvent = { request: Request; locals: App.Locals; cookies: Cookies };

const FIELDS = ['phone', 'code', 'name', 'redirectTo', 'resend'] as const;

/**
 * The two actions, `requestCode` and `verify`. After signing in, the person goes to the form's
 * `redirectTo` when it is a path on this site, else to `fallback`.
 */
export function signInActions(fallback: string) {
  return {
    requestCode: async ({ request, locals }: ActionEvent) => {
      const typed = formText(await request.formData(), FIELDS);
      const { phone, name } = typed;
      const redirectTo = safeRedirectPath(typed.redirectTo, fallback);
      const isResend = typed.resend === '1';
      if (!phone) {
        return fail(422, {
          step: 'phone',
          phone,
          redirectTo,
          errors: { form: null, fields: { phone: { key: 'err.required' } } },
        } satisfies PhoneStep);
      }

      const result = await call(() => locals.api.api.v1.auth.otp.$post({ json: { phone } }));
      if (!result.ok) {
        const errors = formErrorsFor(result.failure, { phone: 'err.phone' });
        // A failed resend keeps the person on the code step, where they were.
        if (isResend && result.failure.code !== 'VALIDATION_FAILED') {
          return fail(result.failure.status, {
            step: 'code',
            phone,
            redirectTo,
            sentTo: maskPhone(phone),
            expiresInMinutes: null,
            devCode: null,
            resent: false,
            name,
            errors,
          } satisfies CodeStep);
        }
        return fail(result.failure.status, { step: 'phone', phone, redirectTo, errors } satisfies PhoneStep);
      }

      return {
        step: 'code',
        phone,
        redirectTo,
        sentTo: result.data.sentTo,
        expiresInMinutes: Math.max(1, Math.round(result.data.expiresInSeconds / 60)),
        devCode: env.isProduction ? null : (result.data.devCode ?? null),
        resent: isResend,
        name,
        errors: null,
      } satisfies CodeStep;
    },

    verify: async ({ request, locals, cookies }: ActionEvent) => {
      const typed = formText(await request.formData(), FIELDS);
      const { phone, name } = typed;
      // People paste codes with spaces ("123 456"); the code itself is digits only.
      const code = typed.code.replace(/\s+/g, '');
      const redirectTo = safeRedirectPath(typed.redirectTo, fallback);
      const codeStep = (errors: FormErrors): CodeStep => ({
        step: 'code',
        phone,
        redirectTo,
        sentTo: maskPhone(phone),
        expiresInMinutes: null,
        devCode: null,
        resent: false,
        name,
        errors,
      });

      if (!/^\d{6}$/.test(code)) {
        return fail(422, codeStep({ form: null, fields: { code: { key: 'err.codeFormat' } } }));
      }

      const result = await call(() =>
        locals.api.api.v1.auth.verify.$post({ json: { phone, code, ...(name ? { name } : {}) } }),
      );
      if (!result.ok) {
        const { failure } = result;
        if (failure.code === 'INVALID_CODE') {
          // The message belongs next to the code field: "Wrong code. 3 tries left."
          const errors = formErrorsFor(failure);
          return fail(
            failure.status,
            codeStep({ form: null, fields: { code: errors.form ?? { key: 'err.codeDead' } } }),
          );
        }
        return fail(failure.status, codeStep(formErrorsFor(failure, { phone: 'err.phone', code: 'err.codeFormat' })));
      }

      setSessionCookie(cookies, result.data.token, result.data.expiresAt);
      redirect(303, redirectTo);
    },
  };
}

import type { Translation } from '../catalogue.ts';
import type { auth as vi } from '../vi/auth.ts';

// Signing in with a phone number and a code.
export const auth: Translation<typeof vi> = {
  'signIn.title': 'Sign in',
  'signIn.lead': 'Use your mobile number. We text you a 6-digit code — no password needed.',
  'signIn.phone': 'Phone number',
  'signIn.phoneHint': 'For example: 0912 345 678',
  'signIn.sendCode': 'Send code',
  'signIn.codeSent': 'Code sent to {phone}. It expires in {minutes} minutes.',
  'signIn.codeSentTo': 'The code was sent to {phone}.',
  'signIn.code': '6-digit code',
  'signIn.codeHint': 'Enter the 6 digits from the text message.',
  'signIn.name': 'Your name (optional)',
  'signIn.nameHint': 'So sellers and buyers know what to call you.',
  'signIn.submit': 'Sign in',
  'signIn.resend': 'Send a new code',
  'signIn.changePhone': 'Use another number',
  'signIn.devCode': 'Test code (development only): {code}',
  'signIn.resent': 'A new code was sent.',
};

import type { Translation } from '../catalogue.ts';
import type { common as vi } from '../vi/common.ts';

// Words every page uses: the app, navigation, language switch, roles and kinds, errors, paging.
export const common: Translation<typeof vi> = {
  'app.name': 'nongsan',
  'app.tagline': 'The growers’ produce market',
  'app.description':
    'nongsan is an open-source farm-produce market: farmers and cooperatives sell from their phones, buyers buy straight from where it grows.',

  'nav.main': 'Main navigation',
  'nav.skip': 'Skip to main content',
  'nav.home': 'Home',
  'nav.search': 'Search',
  'nav.cart': 'Cart',
  'nav.orders': 'Orders',
  'nav.sell': 'Sell',
  'nav.account': 'Account',
  'nav.signIn': 'Sign in',
  'nav.soon': 'Coming soon',

  'lang.switch': 'Tiếng Việt',
  'lang.switchTitle': 'Xem trang bằng tiếng Việt',

  'role.owner': 'Owner',
  'role.manager': 'Manager',
  'role.staff': 'Staff',
  'role.member': 'Member',

  'kind.farmer': 'Farmer',
  'kind.cooperative': 'Cooperative',

  'error.notFound': 'Page not found',
  'error.notFoundBody': 'It may have been removed, or the address was mistyped.',
  'error.sellerNotFound': 'Seller not found',
  'error.listingNotFound': 'Listing not found',
  'error.traceNotFound': 'Trace code not found',
  'error.traceNotFoundBody': 'Check the code printed on the package: it has 10 letters and digits.',
  'error.generic': 'Something went wrong',
  'error.genericBody': 'Sorry, we could not do what you asked. Please try again in a few minutes.',
  'error.unavailable': 'The server is busy or unreachable. Please try again in a few minutes.',
  'error.reference': 'Reference: {id}',
  'error.home': 'Back to home',

  'err.form': 'Please fix the marked fields below.',
  'err.required': 'Please fill this in.',
  'err.tooLong': 'This is too long.',
  'err.invalid': 'This value is not right; please check it.',
  'err.phone': 'This phone number is not right. Enter a Vietnamese mobile number, e.g. 0912 345 678.',
  'err.codeFormat': 'The code is exactly 6 digits.',
  'err.codeWrong': 'Wrong code. {n} tries left.',
  'err.codeDead': 'This code can no longer be used. Tap “Send a new code” to get a new one.',
  'err.conflict': 'This clashes with something that already exists.',
  'err.rateLimited': 'Too many tries. Please try again in {minutes} minutes.',
  'err.unauthenticated': 'Your session has ended. Please sign in again.',
  'err.unavailable': 'Could not reach the server. Check your connection and try again.',
  'err.tooLarge': 'What you sent is too large.',
  'err.generic': 'Something went wrong. Please try again.',
  'myListings.prev': '← Previous page',
  'myListings.next': 'Next page →',
};

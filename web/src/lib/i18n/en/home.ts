import type { Translation } from '../catalogue.ts';
import type { home as vi } from '../vi/home.ts';

// The home page.
export const home: Translation<typeof vi> = {
  'home.title': 'nongsan — produce straight from the farm',
  'home.hero': 'Fresh produce, bought straight from farmers and cooperatives',
  'home.lead':
    'Tea, rice, vegetables, fruit, honey, bamboo shoots… sold by the people who grow them. Fewer middlemen: growers get a better price, buyers know where it comes from.',
  'home.start': 'Starting in Thái Nguyên',
  'home.startBody':
    'nongsan starts in Thái Nguyên — home of Tân Cương tea — where many farmers and cooperatives are bringing their produce online. Growers anywhere can sign up to sell.',
  'home.sellers.title': 'For farmers',
  'home.sellers.body':
    'Sign in with your phone number and create a seller profile in a minute. List produce with photos taken on your phone.',
  'home.coops.title': 'For cooperatives',
  'home.coops.body':
    'Manage members, including those without a phone. Receive stock in lots, sell on members’ behalf and pay each their share.',
  'home.buyers.title': 'For buyers',
  'home.buyers.body':
    'Search in Vietnamese with or without diacritics, order from several farmers in one cart, pay cash on delivery or by bank transfer.',
  'home.trust.title': 'Transparent',
  'home.trust.body':
    'VietGAP, organic and OCOP certifications show as “verified” only after an operator has checked the papers.',
  'home.openSource': 'nongsan is open-source software.',
  'home.cta.sell': 'Start selling',
  'home.cta.signIn': 'Sign in',
  'home.cta.account': 'My account',
  'home.categories': 'Shop by category',
  'home.fresh': 'Just listed',
  'home.freshAll': 'See all',
};

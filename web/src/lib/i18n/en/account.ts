import type { Translation } from '../catalogue.ts';
import type { account as vi } from '../vi/account.ts';

// The account page, with its links into a cooperative's console.
export const account: Translation<typeof vi> = {
  'account.title': 'Account',
  'account.name': 'Name',
  'account.noName': 'No name yet',
  'account.phone': 'Phone number',
  'account.since': 'Member since',
  'account.sellers': 'Seller profiles',
  'account.noSellers': 'You have no seller profile yet.',
  'account.becomeSeller': 'Start selling',
  'account.addSeller': 'Add another profile',
  'account.viewPublic': 'View public page',
  'account.myListings': 'My listings',
  'account.newListing': 'List produce',
  'account.signOut': 'Sign out',
  'account.created': 'Profile “{name}” created.',
  'account.addresses': 'Delivery addresses',
  'account.operator': 'You are an operator.',
  'coop.link.console': 'Cooperative console',
  'coop.tab.mine': 'My lots',
};

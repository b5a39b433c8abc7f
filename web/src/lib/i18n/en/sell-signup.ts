import type { Translation } from '../catalogue.ts';
import type { sellSignup as vi } from '../vi/sell-signup.ts';

// Becoming a seller: the sign-up form for a farm or a cooperative (seller pages).
export const sellSignup: Translation<typeof vi> = {
  'err.province': 'We don’t recognise this province / city. Please pick one from the list.',
  'sell.title': 'Start selling',
  'sell.lead': 'Create a seller profile to list your produce. You can change the details later.',
  'sell.existing': 'You already have: {names}.',
  'sell.kind': 'You sell as',
  'sell.kindFarmerHint': 'A household or a single farm',
  'sell.kindCoopHint': 'Selling together for many members',
  'sell.name': 'Display name',
  'sell.nameHint': 'For example: Mrs Lan’s tea, Tân Cương Tea Cooperative',
  'sell.province': 'Province / city',
  'sell.provinceChoose': 'Choose a province / city',
  'sell.provinceFormer': '{name} (includes {former})',
  'sell.provinceHint': 'As of 1 July 2025. Former provinces are part of a new one, e.g. Bắc Kạn is now in Thái Nguyên.',
  'sell.commune': 'Commune / ward (optional)',
  'sell.bio': 'About you (optional)',
  'sell.bioHint': 'What you grow, how, and for how long.',
  'sell.pickupAddress': 'Pickup point, where buyers collect (optional)',
  'sell.pickupAddressHint': 'Village, hamlet, commune. The province is added from your profile.',
  'sell.pickupHours': 'Pickup hours (optional)',
  'sell.pickupHoursHint': 'For example: 7:00–17:00, Monday to Saturday',
  'sell.submit': 'Create profile',
  'err.kind': 'Please choose Farmer or Cooperative.',
  'err.farmerExists': 'You already have a farmer profile. Each person has one farmer profile.',
};

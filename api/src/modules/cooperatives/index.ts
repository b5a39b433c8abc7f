export { feeOf } from './member-sales.ts';
export { cooperativeFounding, linkMembershipsByPhone } from './members.service.ts';

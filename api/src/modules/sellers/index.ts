export {
  findPublicCertificationsOfSeller,
  isPubliclyShown,
  requireSellerCertifications,
  toCertification,
} from './certifications.service.ts';
export { findZonesOfSellers } from './delivery-zones.service.ts';
export type { CooperativeFounding, SellerNeeds } from './seller-needs.ts';
export { getSeller, toSeller } from './sellers.service.ts';

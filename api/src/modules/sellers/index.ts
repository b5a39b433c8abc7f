export {
  findPublicCertificationsOfSeller,
  isPubliclyShown,
  requireSellerCertifications,
  toCertification,
} from './certifications.service.ts';
export { findSellerRole, requireSellerRole, SELLER_MANAGERS, SELLER_WRITERS } from './sellers.access.ts';
export { getSeller, toSeller } from './sellers.service.ts';

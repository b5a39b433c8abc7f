export {
  findPublicCertificationsOfSeller,
  isPubliclyShown,
  requireSellerCertifications,
  toCertification,
} from './certifications.service.ts';
export { getSeller, toSeller } from './sellers.service.ts';

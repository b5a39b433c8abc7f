export {
  findPublicCertificationsOfSeller,
  isPubliclyShown,
  requireSellerCertifications,
  toCertification,
} from './certifications.service.ts';

export { certificationRoutes } from './certifications.routes.ts';
export {
  findPublicCertificationsOfSeller,
  isPubliclyShown,
  requireSellerCertifications,
  toCertification,
} from './certifications.service.ts';

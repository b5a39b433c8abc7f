export { certificationRoutes } from './certifications.routes.ts';
export { isPubliclyShown, requireSellerCertifications, toCertification } from './certifications.service.ts';

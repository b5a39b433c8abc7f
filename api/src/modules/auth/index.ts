export { authRoutes, SESSION_COOKIE } from './auth.routes.ts';
export { authenticate, isOperatorPhone } from './auth.service.ts';

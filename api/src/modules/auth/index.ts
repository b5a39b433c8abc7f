export { authenticate, isOperatorPhone } from './auth.service.ts';

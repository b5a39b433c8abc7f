import { createRoute } from '@hono/zod-openapi';
import { CertificationCreateSchema, CertificationSchema, IdSchema } from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as certifications from './certifications.service.ts';

const SellerParams = z.object({ sellerId: IdSchema });
const CertificationParams = z.object({ certificationId: IdSchema });

const createCertificationRoute = createRoute({
  method: 'post',
  path: '/sellers/{sellerId}/certifications',
  tags: ['certifications'],
  summary: 'Record a certificate (VietGAP, GlobalGAP, organic, OCOP 3–5 stars); owner or managers',
  description: 'It shows as verified only after an operator verifies it; `verified` is not a field a seller can send.',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: SellerParams, body: jsonBody(CertificationCreateSchema) },
  responses: {
    201: json(CertificationSchema, 'Recorded, awaiting verification'),
    ...errorsFor(400, 401, 404, 409, 413, 415, 422),
  },
});

const listCertificationsRoute = createRoute({
  method: 'get',
  path: '/sellers/{sellerId}/certifications',
  tags: ['certifications'],
  summary: "A seller's certifications: verified and valid ones for the public, all for the seller's team",
  request: { params: SellerParams },
  responses: {
    200: json(z.object({ certifications: z.array(CertificationSchema) }), 'Certifications'),
    404: errors[404],
  },
});

const verifyCertificationRoute = createRoute({
  method: 'post',
  path: '/certifications/{certificationId}/verify',
  tags: ['certifications'],
  summary: 'Mark a certificate as checked; operators only (anyone else gets 404)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: CertificationParams },
  responses: { 200: json(CertificationSchema, 'Verified'), 401: errors[401], 404: errors[404] },
});

export function certificationRoutes(deps: Deps) {
  return createRouter()
    .openapi(createCertificationRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      return c.json(await certifications.createCertification(deps, requireUser(c), sellerId, c.req.valid('json')), 201);
    })
    .openapi(listCertificationsRoute, async (c) => {
      const { sellerId } = c.req.valid('param');
      const list = await certifications.listSellerCertifications(deps, c.get('user'), sellerId);
      return c.json({ certifications: list }, 200);
    })
    .openapi(verifyCertificationRoute, async (c) => {
      const { certificationId } = c.req.valid('param');
      return c.json(await certifications.verifyCertification(deps, requireUser(c), certificationId), 200);
    });
}

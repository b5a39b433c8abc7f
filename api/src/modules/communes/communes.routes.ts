import { createRoute } from '@hono/zod-openapi';
import {
  CommuneCodeSchema,
  CommuneSchema,
  CommuneSearchResponseSchema,
  MAX_COMMUNE_RESULTS,
  queryText,
} from '@nongsan/contracts';
import { z } from 'zod';
import { errors, json } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import { getCommune, searchCommunes } from './communes.service.ts';

// The list changes with a deploy (a new edition of the data), never between two: caches may keep
// answers a day, and a phone typing "phan d…" twice asks the network once.
const CACHE_A_DAY = 'public, max-age=86400';

// As the OpenAPI document shows them (strict: an unknown parameter is 422); the service parses the
// values with the shared CommuneSearchQuerySchema.
const CommuneSearchParams = z
  .object({
    q: queryText(120).openapi({
      description:
        'The name as typed, with or without diacritics or its kind (x/xã, p/phường, tt/thị trấn, đk/đặc khu): "phan dinh phung", "p phan đình phùng"; former communes\' names find the unit that absorbed them ("xã Tiên Hội"). A province after a comma or at the end narrows the answer.',
    }),
    province: queryText(80)
      .optional()
      .openapi({ description: 'Only this province: id or name as typed, former names included ("Bắc Kạn")' }),
    limit: queryText(4)
      .optional()
      .openapi({ description: `1 to ${MAX_COMMUNE_RESULTS}, default 10` }),
  })
  .strict();

const searchRoute = createRoute({
  method: 'get',
  path: '/communes',
  tags: ['communes'],
  summary: 'Find a 2025 commune-level unit (xã, phường, đặc khu) by name, current or former',
  description:
    "Public and cacheable. Best first: exact names, names starting with the words, words inside a name; a unit's own name before a former one. A former commune split between units gives each (`matchedFormer.isWhole` false).",
  request: { query: CommuneSearchParams },
  responses: { 200: json(CommuneSearchResponseSchema, 'Matching units, best first'), 422: errors[422] },
});

const getRoute = createRoute({
  method: 'get',
  path: '/communes/{code}',
  tags: ['communes'],
  summary: 'One unit by its official five-digit code',
  request: { params: z.object({ code: CommuneCodeSchema }) },
  responses: { 200: json(CommuneSchema, 'The unit'), 404: errors[404] },
});

export function communeRoutes() {
  return createRouter()
    .openapi(searchRoute, (c) => {
      const answer = searchCommunes(c.req.query());
      c.header('cache-control', CACHE_A_DAY);
      return c.json(answer, 200);
    })
    .openapi(getRoute, (c) => {
      const commune = getCommune(c.req.valid('param').code);
      c.header('cache-control', CACHE_A_DAY);
      return c.json(commune, 200);
    });
}

import { createRoute } from '@hono/zod-openapi';
import { CATEGORIES, CatalogueEntrySchema, UNITS } from '@nongsan/contracts';
import { z } from 'zod';
import { json } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';

const categoriesRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: ['catalogue'],
  summary: 'The fixed category taxonomy, with Vietnamese and English names',
  responses: { 200: json(z.object({ categories: z.array(CatalogueEntrySchema) }), 'Categories') },
});

const unitsRoute = createRoute({
  method: 'get',
  path: '/units',
  tags: ['catalogue'],
  summary: 'Sale units (kg, 500 g pack, bó, quả, hộp, ...), with Vietnamese and English names',
  responses: { 200: json(z.object({ units: z.array(CatalogueEntrySchema) }), 'Units') },
});

/** The taxonomy is data in packages/contracts; it changes with a deploy, so caches may keep it a day. */
export function catalogueRoutes() {
  return createRouter()
    .openapi(categoriesRoute, (c) => {
      c.header('cache-control', 'public, max-age=86400');
      return c.json({ categories: CATEGORIES.map((e) => ({ ...e })) }, 200);
    })
    .openapi(unitsRoute, (c) => {
      c.header('cache-control', 'public, max-age=86400');
      return c.json({ units: UNITS.map((e) => ({ ...e })) }, 200);
    });
}

import { createRoute } from '@hono/zod-openapi';
import {
  AddressCreateSchema,
  AddressListSchema,
  AddressSchema,
  AddressUpdateSchema,
  IdSchema,
  MAX_ADDRESSES,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser, signedIn } from '../../lib/context.ts';
import { bearer, errors, errorsFor, json, jsonBody } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import * as addresses from './addresses.service.ts';

const AddressParams = z.object({ addressId: IdSchema });
const TAGS = ['addresses'];

const listRoute = createRoute({
  method: 'get',
  path: '/me/addresses',
  tags: TAGS,
  summary: "The signed-in buyer's address book, the default first",
  security: bearer,
  middleware: [signedIn] as const,
  responses: { 200: json(AddressListSchema, 'Addresses'), 401: errors[401] },
});

const createAddressRoute = createRoute({
  method: 'post',
  path: '/me/addresses',
  tags: TAGS,
  summary: `Add an address: recipient, phone, commune by code (GET /communes), street or hamlet; at most ${MAX_ADDRESSES}`,
  description:
    "The first address, or one sent with `isDefault: true`, becomes the default. The province is the commune's. An unknown commune code is 422 on `communeCode`; a full book is 409 with `reason: address_book_full`.",
  security: bearer,
  middleware: [signedIn] as const,
  request: { body: jsonBody(AddressCreateSchema) },
  responses: { 201: json(AddressSchema, 'Added'), ...errorsFor(400, 401, 409, 413, 415, 422) },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/me/addresses/{addressId}',
  tags: TAGS,
  summary: "Change an address of mine (any of its fields); another buyer's address is 404",
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: AddressParams, body: jsonBody(AddressUpdateSchema) },
  responses: { 200: json(AddressSchema, 'Changed'), ...errorsFor(400, 401, 404, 413, 415, 422) },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/me/addresses/{addressId}',
  tags: TAGS,
  summary: 'Delete an address of mine; if it was the default, the one changed last becomes the default',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: AddressParams },
  responses: { 200: json(AddressListSchema, 'The addresses left'), 401: errors[401], 404: errors[404] },
});

const setDefaultRoute = createRoute({
  method: 'post',
  path: '/me/addresses/{addressId}/default',
  tags: TAGS,
  summary: 'Make an address of mine the default (the one checkout offers first)',
  security: bearer,
  middleware: [signedIn] as const,
  request: { params: AddressParams },
  responses: { 200: json(AddressSchema, 'Now the default'), 401: errors[401], 404: errors[404] },
});

export function addressRoutes(deps: Deps) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json({ addresses: await addresses.listAddresses(deps, requireUser(c)) }, 200))
    .openapi(createAddressRoute, async (c) =>
      c.json(await addresses.createAddress(deps, requireUser(c), c.req.valid('json')), 201),
    )
    .openapi(updateRoute, async (c) => {
      const { addressId } = c.req.valid('param');
      return c.json(await addresses.updateAddress(deps, requireUser(c), addressId, c.req.valid('json')), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const user = requireUser(c);
      await addresses.deleteAddress(deps, user, c.req.valid('param').addressId);
      return c.json({ addresses: await addresses.listAddresses(deps, user) }, 200);
    })
    .openapi(setDefaultRoute, async (c) =>
      c.json(await addresses.setDefaultAddress(deps, requireUser(c), c.req.valid('param').addressId), 200),
    );
}

import type { RouteConfig } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { createCoop, createFarm, createListing, listingBody } from '../test/listing-factories.ts';
import { OPERATOR_PHONE, operatorEnv } from '../test/payment-factories.ts';

// Issue 13: a NUL byte anywhere reached PostgreSQL, which refuses it: 500. Generated from the
// route table, so a new route or field is covered without anyone remembering to: every string a
// request schema accepts (body, query, path, headers) must refuse control characters, and every
// route answers a request full of them with a 4xx (a malformed path id with 404), never a 5xx.

/** NUL, other C0 controls, DEL and a C1 control; a multi-line field may keep \n and \t only. */
const CONTROLS = ['\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\u0085', '\u009f'];
const poisoned = (control: string) => `chè${control}Tân Cương`;

let t: TestApp;
let operatorToken: string;
beforeAll(async () => {
  t = await createTestApp({ env: operatorEnv });
  operatorToken = (await t.signIn(OPERATOR_PHONE)).token;
});
afterAll(async () => {
  await t?.close();
});

type AnySchema = z.ZodType & { _zod: { def: Record<string, any> & { type: string } } };
type StringInput = { path: string; schema: AnySchema };

/** Wrappers that change what is accepted besides a value (undefined, null), not the value itself. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema under its wrappers. */
function unwrapped(schema: AnySchema): AnySchema {
  return WRAPPERS.has(schema._zod.def.type) ? unwrapped(schema._zod.def.innerType) : schema;
}

/** Every place in a schema a string from the request lands: the schema that first reads it. */
function stringInputs(wrapped: AnySchema, path: string): StringInput[] {
  const schema = unwrapped(wrapped);
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
    case 'any':
    case 'unknown':
      return [{ path, schema }];
    case 'pipe':
      // A string refined or transformed (PhoneSchema, a comma-separated id list): the whole pipe
      // is what reads the string.
      return readsString(def.in) ? [{ path, schema }] : stringInputs(def.in, path);
    case 'object':
      return Object.entries(def.shape as Record<string, AnySchema>).flatMap(([key, value]) =>
        stringInputs(value, path ? `${path}.${key}` : key),
      );
    case 'array':
      return stringInputs(def.element, `${path}[]`);
    case 'union':
      return (def.options as AnySchema[]).flatMap((option) => stringInputs(option, path));
    case 'intersection':
      return [...stringInputs(def.left, path), ...stringInputs(def.right, path)];
    case 'record':
      return stringInputs(def.valueType, `${path}.*`);
    case 'tuple':
      return (def.items as AnySchema[]).flatMap((item, i) => stringInputs(item, `${path}[${i}]`));
    default:
      // enum, literal, number, boolean, file, date: a control character cannot get through.
      return [];
  }
}

/** A pipe whose innermost input is a string. */
function readsString(schema: AnySchema): boolean {
  const def = schema._zod.def;
  return def.type === 'string' || (def.type === 'pipe' && readsString(def.in));
}

/** A value for the schema with every string replaced by `bad`: the request a fuzzer sends. */
function poisonedValue(schema: AnySchema, bad: string): unknown {
  const def = unwrapped(schema)._zod.def;
  switch (def.type) {
    case 'string':
    case 'any':
    case 'unknown':
      return bad;
    case 'pipe':
      return poisonedValue(def.in, bad);
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, AnySchema>).map(([key, value]) => [key, poisonedValue(value, bad)]),
      );
    case 'array':
      return [poisonedValue(def.element, bad)];
    case 'union':
      return poisonedValue((def.options as AnySchema[])[0]!, bad);
    case 'record':
      return { key: poisonedValue(def.valueType, bad) };
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'number':
    case 'int':
      return 1;
    case 'boolean':
      return true;
    default:
      return bad;
  }
}

type Route = RouteConfig & { path: string; method: string };

function routes(): Route[] {
  const definitions = (t.app.openAPIRegistry.definitions as { type: string; route?: Route }[]).filter(
    (d) => d.type === 'route',
  );
  return definitions.map((d) => d.route!);
}

/** The zod schema of a route's JSON body, if it takes one. */
function jsonBodyOf(route: Route): AnySchema | undefined {
  const media = route.request?.body?.content?.['application/json'];
  return media && 'schema' in media ? (media.schema as unknown as AnySchema) : undefined;
}

/** The request parts of a route that carry strings, as zod schemas. */
function requestSchemas(route: Route): { part: string; schema: AnySchema }[] {
  const request = route.request ?? {};
  const out: { part: string; schema: AnySchema }[] = [];
  for (const part of ['params', 'query', 'headers'] as const) {
    const schema = request[part];
    if (schema) out.push({ part, schema: schema as unknown as AnySchema });
  }
  const json = jsonBodyOf(route);
  if (json) out.push({ part: 'body', schema: json });
  return out;
}

describe('control characters in requests (issue 13)', () => {
  it('a malformed id in a path is 404, as in the review', async () => {
    for (const path of [
      '/api/v1/listings/a%00b',
      '/api/v1/sellers/a%00b',
      '/api/v1/orders/a%00b',
      '/api/v1/trace/a%00b',
    ]) {
      const res = await t.call('GET', path, { token: operatorToken });
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('every string a request schema reads refuses them', () => {
    const accepted: string[] = [];
    let checked = 0;
    for (const route of routes()) {
      for (const { part, schema } of requestSchemas(route)) {
        for (const input of stringInputs(schema, part)) {
          checked += 1;
          for (const control of CONTROLS) {
            if (input.schema.safeParse(poisoned(control)).success) {
              accepted.push(
                `${route.method.toUpperCase()} ${route.path} ${input.path} accepts U+${control.charCodeAt(0).toString(16).padStart(4, '0')}`,
              );
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(accepted).toEqual([]);
  });

  it('every route answers them with a 4xx, a malformed path id with 404, never a 5xx', async () => {
    const failures: string[] = [];
    // Signing out ends the session the other requests use: last.
    const all = routes().sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    let sent = 0;
    for (const route of all) {
      const method = route.method.toUpperCase();
      const carriesStrings =
        requestSchemas(route).some(({ schema }) => stringInputs(schema, '').length > 0) ||
        Boolean(route.request?.body?.content?.['text/csv']);
      if (!carriesStrings) continue;
      sent += 1;
      const params = Object.keys((route.request?.params as AnySchema | undefined)?._zod.def.shape ?? {});
      for (const control of ['\u0000', '\u001b']) {
        const bad = poisoned(control);
        // The path with every id malformed; the rest of the request well formed enough.
        const path = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(bad));
        const body = jsonBodyOf(route);
        const query = route.request?.query as AnySchema | undefined;
        const search = query ? `?${new URLSearchParams(poisonedValue(query, bad) as Record<string, string>)}` : '';
        const res = await t.call(method, `${path}${search}`, {
          token: operatorToken,
          ...(body ? { json: poisonedValue(body, bad) } : {}),
          ...(route.request?.body?.content?.['text/csv']
            ? { body: `a,b\n${bad},1\n`, headers: { 'content-type': 'text/csv' } }
            : {}),
        });
        // A malformed path id is 404; when the query or body is read first, its 422 comes first.
        const expected =
          params.length === 0
            ? [400, 403, 404, 409, 413, 415, 422]
            : query || body || route.request?.body
              ? [404, 422]
              : [404];
        if (!expected.includes(res.status)) {
          failures.push(
            `${method} ${route.path} with U+${control.charCodeAt(0).toString(16)}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
        }
      }
    }
    expect(sent).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('a valid request with one poisoned field is 422 naming that field, and writes nothing', async () => {
    const farm = await createFarm(t);
    const coop = await createCoop(t);
    const listing = await createListing(t, farm.owner.token, farm.sellerId);
    const bankAccount = {
      bankBin: '970436',
      bankName: 'Vietcombank',
      accountNumber: '0123456789',
      accountName: 'NGUYEN VAN HUNG',
    };
    const certification = {
      type: 'vietgap',
      certificateNumber: 'VG-123',
      issuer: 'Trung tâm Quacert',
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
    };
    type Case = {
      method: string;
      path: string;
      token: string;
      body: Record<string, unknown>;
      field: string;
      multiline?: boolean;
    };
    const cases: Case[] = [
      {
        method: 'POST',
        path: '/api/v1/listings',
        token: farm.owner.token,
        body: listingBody(farm.sellerId),
        field: 'title',
      },
      {
        method: 'POST',
        path: '/api/v1/listings',
        token: farm.owner.token,
        body: listingBody(farm.sellerId),
        field: 'description',
        multiline: true,
      },
      {
        method: 'PATCH',
        path: `/api/v1/listings/${listing.id}`,
        token: farm.owner.token,
        body: { title: 'Chè' },
        field: 'title',
      },
      {
        method: 'PATCH',
        path: `/api/v1/sellers/${farm.sellerId}`,
        token: farm.owner.token,
        body: { name: 'Chè' },
        field: 'name',
      },
      {
        method: 'PATCH',
        path: `/api/v1/sellers/${farm.sellerId}`,
        token: farm.owner.token,
        body: { bio: 'Chè' },
        field: 'bio',
        multiline: true,
      },
      {
        method: 'POST',
        path: `/api/v1/cooperatives/${coop.sellerId}/members`,
        token: coop.owner.token,
        body: { name: 'Bà Tư' },
        field: 'name',
      },
      {
        method: 'POST',
        path: `/api/v1/sellers/${farm.sellerId}/certifications`,
        token: farm.owner.token,
        body: certification,
        field: 'issuer',
      },
      {
        method: 'PUT',
        path: `/api/v1/sellers/${farm.sellerId}/bank-account`,
        token: farm.owner.token,
        body: bankAccount,
        field: 'bankName',
      },
      {
        method: 'PUT',
        path: `/api/v1/sellers/${farm.sellerId}/bank-account`,
        token: farm.owner.token,
        body: bankAccount,
        field: 'accountName',
      },
      {
        method: 'PUT',
        path: `/api/v1/sellers/${farm.sellerId}/bank-account`,
        token: farm.owner.token,
        body: bankAccount,
        field: 'accountNumber',
      },
      {
        method: 'POST',
        path: '/api/v1/payouts',
        token: operatorToken,
        body: { sellerId: farm.sellerId, amountVnd: 1000, reference: 'CK 01' },
        field: 'reference',
      },
    ];
    const before = await t.call('GET', `/api/v1/sellers/${farm.sellerId}/listings`, { token: farm.owner.token });
    for (const c of cases) {
      for (const control of CONTROLS) {
        const value = `${String(c.body[c.field] ?? 'x')}${control}z`;
        const res = await t.call(c.method, c.path, { token: c.token, json: { ...c.body, [c.field]: value } });
        expect(res.status, `${c.method} ${c.path} ${c.field} U+${control.charCodeAt(0).toString(16)}`).toBe(422);
        expect(res.body.error.details).toEqual([expect.objectContaining({ path: c.field })]);
      }
      if (c.multiline) {
        // A multi-line field keeps its line breaks and tabs.
        const res = await t.call(c.method, c.path, {
          token: c.token,
          json: { ...c.body, [c.field]: 'dòng một\n\tdòng hai' },
        });
        expect(res.status, `${c.path} ${c.field} with a newline`).toBeLessThan(300);
      } else {
        const res = await t.call(c.method, c.path, { token: c.token, json: { ...c.body, [c.field]: 'một\nhai' } });
        expect(res.status, `${c.path} ${c.field} with a newline`).toBe(422);
      }
    }
    const after = await t.call('GET', `/api/v1/sellers/${farm.sellerId}/listings`, { token: farm.owner.token });
    // Only the listing with a multi-line description was written.
    expect(after.body.total).toBe(before.body.total + 1);
    // The sign-in name, the one field of a sign-in.
    const phone = t.freshPhone();
    const otp = await t.call('POST', '/api/v1/auth/otp', {
      json: { phone },
      headers: { 'x-forwarded-for': '10.99.0.1' },
    });
    const verify = await t.call('POST', '/api/v1/auth/verify', {
      json: { phone, code: otp.body.devCode, name: 'Lan\u0000' },
    });
    expect(verify.status).toBe(422);
    expect(verify.body.error.details).toEqual([expect.objectContaining({ path: 'name' })]);
  });
});

import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidStorageKeyError, MediaStorageError } from './errors.ts';
import { processImage } from './process-image.ts';
import { S3Storage, type S3StorageOptions } from './s3.storage.ts';
import { IMMUTABLE_CACHE_CONTROL, storeImage } from './storage.ts';

const CREDENTIALS = {
  accessKeyId: 'AKIDNONGSANTEST',
  secretAccessKey: 'nongsan-test-secret',
  region: 'ap-southeast-1',
};
const KEY = '0123456789abcdef0123456789abcdef/400.webp';

type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  isSignatureValid: boolean;
};

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Checks an AWS Signature V4 the way S3 does, written from the spec rather than with aws4fetch, so
 * a signing mistake (wrong path, unsigned header, wrong scope) fails the test.
 */
function verifySigV4(method: string, path: string, headers: IncomingMessage['headers'], secret: string): boolean {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      String(headers.authorization ?? ''),
    );
  if (!match) return false;
  const [, , date = '', region = '', signedHeaders = '', signature = ''] = match;
  const amzDate = String(headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date)) return false;
  const [pathname = '', query = ''] = path.split('?');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${String(headers[name] ?? '').trim()}\n`)
    .join('');
  const canonicalRequest = [
    method,
    pathname,
    query,
    canonicalHeaders,
    signedHeaders,
    String(headers['x-amz-content-sha256']),
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', signingKey).update(stringToSign).digest('hex') === signature;
}

/** A tiny in-memory S3 on 127.0.0.1 that records every request and checks its signature. */
let server: Server;
let endpoint: string;
const objects = new Map<string, Buffer>();
const requests: RecordedRequest[] = [];
let forcedStatus: number | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? '';
      const path = req.url ?? '';
      const body = Buffer.concat(chunks);
      const isSignatureValid = verifySigV4(method, path, req.headers, CREDENTIALS.secretAccessKey);
      requests.push({ method, path, headers: req.headers, body, isSignatureValid });
      if (forcedStatus !== null) {
        res.writeHead(forcedStatus, { 'content-type': 'application/xml' }).end('<Error><Code>Forced</Code></Error>');
        return;
      }
      if (!isSignatureValid) {
        res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        return;
      }
      if (method === 'PUT') {
        if (sha256(body) !== req.headers['x-amz-content-sha256']) {
          res.writeHead(400).end('<Error><Code>XAmzContentSHA256Mismatch</Code></Error>');
          return;
        }
        objects.set(path, body);
        res.writeHead(200).end();
        return;
      }
      const object = objects.get(path);
      if (!object) {
        res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code></Error>');
        return;
      }
      res.writeHead(200, { 'content-type': 'image/webp', 'content-length': object.length });
      res.end(method === 'HEAD' ? undefined : object);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

beforeEach(() => {
  objects.clear();
  requests.length = 0;
  forcedStatus = null;
});

function makeStorage(overrides: Partial<S3StorageOptions> = {}): S3Storage {
  return new S3Storage({
    endpoint,
    bucket: 'nongsan-media',
    publicBaseUrl: 'https://cdn.nongsan.test/media/',
    retries: 0,
    ...CREDENTIALS,
    ...overrides,
  });
}

describe('S3Storage', () => {
  it('PUTs path-style, signed with SigV4, with an immutable cache header', async () => {
    const bytes = new Uint8Array([82, 73, 70, 70, 1, 2, 3]);
    await makeStorage().put(KEY, bytes, 'image/webp');

    expect(requests).toHaveLength(1);
    const [put] = requests;
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/nongsan-media/${KEY}`);
    expect(put?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDNONGSANTEST\/\d{8}\/ap-southeast-1\/s3\/aws4_request, /,
    );
    expect(put?.isSignatureValid).toBe(true);
    // The cache header and payload hash are signed, so nothing on the way can alter them unnoticed.
    const signed = /SignedHeaders=([^,]+)/.exec(String(put?.headers.authorization))?.[1]?.split(';');
    expect(signed).toEqual(expect.arrayContaining(['cache-control', 'host', 'x-amz-content-sha256', 'x-amz-date']));
    expect(put?.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(put?.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(put?.headers['content-type']).toBe('image/webp');
    expect(put?.headers['x-amz-content-sha256']).toBe(sha256(Buffer.from(bytes)));
    expect(put?.body).toEqual(Buffer.from(bytes));
  });

  it('reads back what it wrote; a missing key is null / false', async () => {
    const storage = makeStorage();
    expect(await storage.exists(KEY)).toBe(false);
    expect(await storage.get(KEY)).toBeNull();

    await storage.put(KEY, new Uint8Array([5, 6, 7]), 'image/webp');

    expect(await storage.exists(KEY)).toBe(true);
    expect(await storage.get(KEY)).toEqual(new Uint8Array([5, 6, 7]));
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `HEAD /nongsan-media/${KEY}`,
      `GET /nongsan-media/${KEY}`,
      `PUT /nongsan-media/${KEY}`,
      `HEAD /nongsan-media/${KEY}`,
      `GET /nongsan-media/${KEY}`,
    ]);
    expect(requests.every((r) => r.isSignatureValid)).toBe(true);
  });

  it('keeps an endpoint path prefix and serves public URLs from the CDN base', async () => {
    const storage = makeStorage({ endpoint: `${endpoint}/s3/` });
    await storage.put(KEY, new Uint8Array([1]), 'image/webp');

    expect(requests[0]?.path).toBe(`/s3/nongsan-media/${KEY}`);
    expect(storage.url(KEY)).toBe(`https://cdn.nongsan.test/media/${KEY}`);
  });

  it('reports a refused request with its status (a wrong secret gives 403)', async () => {
    const storage = makeStorage({ secretAccessKey: 'wrong-secret' });
    const error = await storage.put(KEY, new Uint8Array([1]), 'image/webp').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MediaStorageError);
    expect(error).toMatchObject({ operation: 'put', key: KEY, status: 403 });
    expect(String((error as Error).message)).toContain('SignatureDoesNotMatch');
    await expect(storage.exists(KEY)).rejects.toMatchObject({ status: 403 });
  });

  it('retries server errors, then gives up with the status', async () => {
    forcedStatus = 503;
    const storage = makeStorage({ retries: 2 });

    await expect(storage.get(KEY)).rejects.toMatchObject({ operation: 'get', status: 503 });
    expect(requests).toHaveLength(3);
  });

  it('wraps a connection failure in MediaStorageError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    await expect(makeStorage({ endpoint: `http://127.0.0.1:${port}` }).exists(KEY)).rejects.toBeInstanceOf(
      MediaStorageError,
    );
  });

  it('refuses unsafe keys without sending anything', async () => {
    const storage = makeStorage();
    await expect(storage.put('../other-bucket/x.webp', new Uint8Array([1]), 'image/webp')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    await expect(storage.get('a/../../x')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(requests).toHaveLength(0);
  });

  it('stores a processed photo once: the second storeImage only checks', async () => {
    const storage = makeStorage();
    const photo = await sharp({ create: { width: 820, height: 400, channels: 3, background: '#206040' } })
      .jpeg()
      .toBuffer();
    const processed = await processImage(photo);

    await storeImage(storage, processed);
    await storeImage(storage, await processImage(photo));

    const puts = requests.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts.sort()).toEqual([
      `/nongsan-media/${processed.hash}/400.webp`,
      `/nongsan-media/${processed.hash}/800.webp`,
    ]);
    expect(requests.filter((r) => r.method === 'HEAD')).toHaveLength(4);
    expect(objects.get(`/nongsan-media/${processed.hash}/800.webp`)).toEqual(
      Buffer.from(processed.variants[1]?.bytes ?? []),
    );
  });
});

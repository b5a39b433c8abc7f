import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { MediaStorageError } from './errors.ts';
import { assertStorageKey, IMMUTABLE_CACHE_CONTROL, joinPublicUrl, type MediaStorage } from './storage.ts';

export type S3StorageOptions = {
  /** e.g. `https://s3.ap-southeast-1.amazonaws.com`, `https://<account>.r2.cloudflarestorage.com`, MinIO. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The CDN or bucket website that serves the objects, e.g. `https://cdn.nongsan.vn/media`. */
  publicBaseUrl: string;
  /** Retries on 5xx and 429, with exponential backoff (aws4fetch). Default 3. */
  retries?: number;
  /** Per call, across retries. Default 30 s. */
  timeoutMs?: number;
};

/**
 * Any S3-compatible store (AWS S3, Cloudflare R2, MinIO, Wasabi...). Path-style URLs
 * (`<endpoint>/<bucket>/<key>`) because every one of them supports them and they need no DNS per bucket.
 */
export class S3Storage implements MediaStorage {
  private readonly client: AwsClient;
  private readonly baseUrl: string;
  private readonly publicBaseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: S3StorageOptions) {
    if (!options.bucket || options.bucket.includes('/')) throw new Error('S3Storage: invalid bucket name');
    const endpoint = new URL(options.endpoint);
    this.baseUrl = `${endpoint.origin}${endpoint.pathname.replace(/\/+$/, '')}/${encodeURIComponent(options.bucket)}`;
    this.publicBaseUrl = options.publicBaseUrl;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      sessionToken: options.sessionToken,
      region: options.region,
      service: 's3',
      retries: options.retries ?? 3,
    });
  }

  private objectUrl(key: string): string {
    return joinPublicUrl(this.baseUrl, key);
  }

  private async request(operation: 'put' | 'get' | 'exists', key: string, init: RequestInit): Promise<Response> {
    const url = this.objectUrl(key);
    try {
      return await this.client.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new MediaStorageError({ operation, key, detail: 'request failed', cause: error });
    }
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    assertStorageKey(key);
    const response = await this.request('put', key, {
      method: 'PUT',
      // Typed for the DOM's BodyInit too (the web type-checks the API's imports with DOM types).
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: {
        'Content-Type': contentType,
        'Cache-Control': IMMUTABLE_CACHE_CONTROL,
        // Sign the payload hash (aws4fetch would send UNSIGNED-PAYLOAD): S3 then rejects a body
        // corrupted on the way instead of storing it under an immutable, cached-for-a-year key.
        'X-Amz-Content-Sha256': createHash('sha256').update(bytes).digest('hex'),
      },
    });
    if (!response.ok) throw await failure('put', key, response);
    await response.body?.cancel();
  }

  async get(key: string): Promise<Uint8Array | null> {
    assertStorageKey(key);
    const response = await this.request('get', key, { method: 'GET' });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw await failure('get', key, response);
    return new Uint8Array(await response.arrayBuffer());
  }

  /**
   * HEAD the object. S3 answers 403, not 404, for a missing key when the credentials lack
   * s3:ListBucket; that is reported as an error rather than guessed to mean "absent".
   */
  async exists(key: string): Promise<boolean> {
    assertStorageKey(key);
    const response = await this.request('exists', key, { method: 'HEAD' });
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (!response.ok) throw new MediaStorageError({ operation: 'exists', key, status: response.status });
    return true;
  }

  url(key: string): string {
    return joinPublicUrl(this.publicBaseUrl, key);
  }
}

async function failure(operation: 'put' | 'get', key: string, response: Response): Promise<MediaStorageError> {
  // S3 explains errors in a short XML body (<Code>SignatureDoesNotMatch</Code>); keep its start.
  const text = await response.text().catch(() => '');
  return new MediaStorageError({ operation, key, status: response.status, detail: text.slice(0, 300) });
}

// Browser only. Uploads one photo to the API (through the storefront's own /api/v1, so the session
// cookie goes with it) with XMLHttpRequest: fetch cannot report upload progress, and on a slow link
// people need to see that something is moving.
import type { Media } from '@nongsan/contracts';
import type { MessageKey } from '$lib/i18n/index.ts';

export const MEDIA_ENDPOINT = '/api/v1/media';

export type UploadOutcome =
  | { ok: true; media: Media }
  | {
      ok: false;
      /** Worth trying again by itself: the network dropped, or the server was briefly unable. */
      isTransient: boolean;
      message: MessageKey;
    };

/** Uploads `blob` as the multipart field `file`; `onProgress` gets 0..1 as bytes leave the phone. */
export function uploadPhoto(
  blob: Blob,
  fileName: string,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', MEDIA_ENDPOINT);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve(outcomeOf(xhr.status, xhr.responseText));
    // Network failure, or the connection dropped mid-way: the usual trouble on 3G.
    xhr.onerror = () => resolve({ ok: false, isTransient: true, message: 'photos.errNetwork' });
    xhr.ontimeout = () => resolve({ ok: false, isTransient: true, message: 'photos.errNetwork' });
    xhr.onabort = () => resolve({ ok: false, isTransient: false, message: 'photos.errNetwork' });
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', blob, fileName);
    xhr.send(body);
  });
}

function outcomeOf(status: number, text: string): UploadOutcome {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // An HTML error page of a proxy: only the status says anything.
  }
  if (status === 201 && isMedia(body)) return { ok: true, media: body };
  const code = errorCodeOf(body);
  if (status === 413 || code === 'PAYLOAD_TOO_LARGE') {
    return { ok: false, isTransient: false, message: 'photos.errTooLarge' };
  }
  if (status === 415 || code === 'UNSUPPORTED_MEDIA_TYPE') {
    return { ok: false, isTransient: false, message: 'photos.errFormat' };
  }
  if (code === 'VALIDATION_FAILED') return { ok: false, isTransient: false, message: 'photos.errPixels' };
  if (status === 401) return { ok: false, isTransient: false, message: 'err.unauthenticated' };
  // Rate limits, gateway errors and restarts pass; anything else 5xx may too.
  const isTransient = status === 0 || status === 408 || status === 429 || status >= 500;
  return { ok: false, isTransient, message: isTransient ? 'photos.errServer' : 'photos.errGeneric' };
}

function isMedia(body: unknown): body is Media {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Media).mediaId === 'string' &&
    Array.isArray((body as Media).variants)
  );
}

function errorCodeOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : null;
}

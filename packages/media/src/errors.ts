/**
 * Why a photo was refused. Codes never change; the API maps them to HTTP statuses:
 * - `PAYLOAD_TOO_LARGE`: the upload has more bytes than allowed (15 MiB) → 413.
 * - `UNSUPPORTED_MEDIA_TYPE`: not an image, a damaged one, or a format this build cannot decode → 415.
 * - `IMAGE_TOO_LARGE`: the header declares more pixels than allowed (40 MP), decompression bombs
 *   included → recommended 422, not 413: the body was within the byte limit (a 2 MB PNG can declare
 *   a billion pixels), so "send fewer bytes" is the wrong advice; the person must resize the photo.
 */
export type MediaErrorCode = 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'IMAGE_TOO_LARGE';

/** The text a person reads, in both languages; the web picks one by locale. */
export type MediaErrorMessages = { vi: string; en: string };

export type MediaErrorDetails = Record<string, string | number | readonly string[]>;

/**
 * A photo the pipeline refuses. `message` carries Vietnamese first, then English, so a log line or
 * a client that ignores `messages` still shows both.
 */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly code: MediaErrorCode;
  readonly messages: MediaErrorMessages;
  readonly details: MediaErrorDetails | undefined;

  constructor(
    code: MediaErrorCode,
    messages: MediaErrorMessages,
    options: { details?: MediaErrorDetails; cause?: unknown } = {},
  ) {
    super(`${messages.vi} / ${messages.en}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messages = messages;
    this.details = options.details;
  }
}

/** Thrown by storages for a key that could escape their root or is not one this package makes. */
export class InvalidStorageKeyError extends Error {
  override readonly name = 'InvalidStorageKeyError';
  readonly key: string;

  constructor(key: string) {
    super(`invalid storage key: ${JSON.stringify(key.slice(0, 200))}`);
    this.key = key;
  }
}

/** A storage backend failed (S3 answered with an error status, or the request timed out). */
export class MediaStorageError extends Error {
  override readonly name = 'MediaStorageError';
  readonly operation: 'put' | 'get' | 'exists';
  readonly key: string;
  readonly status: number | undefined;

  constructor(options: {
    operation: 'put' | 'get' | 'exists';
    key: string;
    status?: number;
    detail?: string;
    cause?: unknown;
  }) {
    const status = options.status === undefined ? '' : ` (HTTP ${options.status})`;
    const detail = options.detail ? `: ${options.detail}` : '';
    super(
      `storage ${options.operation} ${options.key} failed${status}${detail}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.operation = options.operation;
    this.key = options.key;
    this.status = options.status;
  }
}

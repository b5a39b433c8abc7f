import { LocalDiskStorage } from './local-disk.storage.ts';
import { S3Storage, type S3StorageOptions } from './s3.storage.ts';
import type { MediaStorage } from './storage.ts';

/** Where photos go, as an app's parsed configuration says (env parsing stays in each app's env.ts). */
export type MediaStorageConfig =
  | { kind: 'local'; dir: string; publicBaseUrl: string }
  | ({ kind: 's3' } & S3StorageOptions);

export function createMediaStorage(config: MediaStorageConfig): MediaStorage {
  if (config.kind === 'local') return new LocalDiskStorage(config.dir, config.publicBaseUrl);
  const { kind: _kind, ...options } = config;
  return new S3Storage(options);
}

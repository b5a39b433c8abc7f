import path from 'node:path';
import type { MediaStorageConfig } from '@nongsan/media';

// The db command-line scripts read their configuration here (STYLE.md: process.env only in env.ts).
const dataDir = process.env.DATA_DIR || './data';

/** The same photo storage variables as the API (api/src/env.ts), so `pnpm db:seed` writes where the API reads. */
function mediaConfig(): MediaStorageConfig {
  if (process.env.MEDIA_STORAGE === 's3') {
    const required = (name: string): string => {
      const value = process.env[name];
      if (!value) throw new Error(`${name} is required when MEDIA_STORAGE=s3`);
      return value;
    };
    return {
      kind: 's3',
      endpoint: required('S3_ENDPOINT'),
      bucket: required('S3_BUCKET'),
      region: process.env.S3_REGION || 'auto',
      accessKeyId: required('S3_ACCESS_KEY_ID'),
      secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
      publicBaseUrl: process.env.MEDIA_PUBLIC_URL || required('S3_PUBLIC_URL'),
    };
  }
  return {
    kind: 'local',
    dir: process.env.MEDIA_DIR || path.join(dataDir, 'media'),
    publicBaseUrl: process.env.MEDIA_PUBLIC_URL || '/api/v1/media/files',
  };
}

export const dbEnv = Object.freeze({
  url: process.env.DATABASE_URL || undefined,
  dataDir,
  /** Read when a script needs it (the seed), so a bad S3 setting does not break `db:migrate`. */
  media: mediaConfig,
});

export { createMediaStorage, type MediaStorageConfig } from './create-storage.ts';
export { decodableImageFormats, detectImageFormat, type ImageFormat } from './detect-format.ts';
export {
  InvalidStorageKeyError,
  MediaError,
  type MediaErrorCode,
  type MediaErrorDetails,
  type MediaErrorMessages,
  MediaStorageError,
} from './errors.ts';
export { LocalDiskStorage } from './local-disk.storage.ts';
export {
  hashImageBytes,
  type ImageVariant,
  MAX_INPUT_BYTES,
  MAX_INPUT_PIXELS,
  type ProcessedImage,
  type ProcessImageOptions,
  processImage,
  VARIANT_WIDTHS,
  variantKey,
  variantWidths,
} from './process-image.ts';
export { S3Storage, type S3StorageOptions } from './s3.storage.ts';
export { IMMUTABLE_CACHE_CONTROL, type MediaStorage, type StoreImageResult, storeImage } from './storage.ts';

import type { StorageConfig } from '../config.ts';
import type { FileStore } from './file-store.ts';
import { createLocalFileStore } from './local-file-store.ts';
import { createS3FileStore } from './s3-file-store.ts';

/** The store STORAGE_DRIVER names: local files unless an S3-compatible bucket is configured. */
export function createFileStore(config: StorageConfig): FileStore {
  return config.driver === 's3' ? createS3FileStore(config.s3) : createLocalFileStore(config.dir);
}

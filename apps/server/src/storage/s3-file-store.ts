import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AppError } from '../errors.ts';
import {
  assertSafeKey,
  assertSafePrefix,
  contentTypeOf,
  type FileStore,
  type StoredFile,
} from './file-store.ts';

export interface S3StoreConfig {
  /** e.g. `https://s3.example.vn`; undefined for AWS itself (the region decides). */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Both or neither; neither uses the SDK's default chain (instance role, AWS_* variables, ~/.aws). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** `bucket` in the path instead of the host name: MinIO, Garage, Ceph and most self-hosted servers want it. */
  forcePathStyle: boolean;
  /** Limit of one attempt, from connecting to the last byte of the answer. */
  timeoutMs: number;
  /** Attempts per operation (the SDK retries 5xx, throttling, timeouts and cut connections with backoff). */
  maxAttempts: number;
}

/** Anything but "no such key" from the store: down, slow, refusing us, misconfigured. 503, cause kept for the log. */
function unavailable(error: unknown): AppError {
  return Object.assign(new AppError('STORAGE_UNAVAILABLE'), { cause: error });
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}

/**
 * The body of an answer, read whole within `ms`: the SDK's time limit ends with the headers, and a store that
 * stalls after them would otherwise hold the request forever.
 */
async function readWithin(body: unknown, ms: number): Promise<Buffer> {
  if (!(body instanceof Readable)) throw new Error('S3 answered without a body stream');
  const timer = setTimeout(() => body.destroy(new Error(`S3 answer stalled for ${ms} ms`)), ms);
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Files as objects in one bucket of an S3-compatible store. A PutObject is atomic on S3: the object appears
 * whole once the upload completes, or not at all (a cut upload leaves nothing). Every call is bounded: each
 * attempt by `timeoutMs` (connect, send, the answer's headers), at most `maxAttempts` of them, and reading a
 * body by `timeoutMs` again.
 */
export function createS3FileStore(config: S3StoreConfig): FileStore & { destroy(): void } {
  const client = new S3Client({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.credentials ? { credentials: config.credentials } : {}),
    maxAttempts: config.maxAttempts,
    requestHandler: {
      connectionTimeout: config.timeoutMs,
      requestTimeout: config.timeoutMs,
      throwOnRequestTimeout: true,
    },
    // Checksums only where S3 requires them: several S3-compatible servers refuse the newer CRC headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw unavailable(error);
    }
  };
  return {
    async put(key, data, contentType) {
      assertSafeKey(key);
      await call(() =>
        client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body: data,
            ContentType: contentType,
            ContentLength: data.length,
          }),
        ),
      );
    },
    async putStream(key, data, contentType) {
      assertSafeKey(key);
      let size = 0;
      // The source's own failure (the caller refusing the bytes, a cut upload) is the caller's error, not a 503.
      let sourceError: unknown;
      const counted = Readable.from(
        (async function* () {
          try {
            for await (const chunk of data) {
              size += chunk.length;
              yield chunk;
            }
          } catch (error) {
            sourceError = error;
            throw error;
          }
        })(),
      );
      // Parts of 5 MB (S3's least), one at a time: memory stays at one part whatever the file's size. A file
      // under one part goes as a single PutObject; a multipart upload that fails is aborted, so nothing appears.
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: counted, ContentType: contentType },
        queueSize: 1,
        partSize: 5 * 1024 * 1024,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        counted.destroy();
        throw sourceError ?? unavailable(error);
      }
      return size;
    },
    async openStream(key) {
      assertSafeKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!(object.Body instanceof Readable)) throw new Error('S3 answered without a body stream');
        // A store that stalls midway fails the reader after the time limit instead of holding it forever (the
        // readers copy the file to local disk first, so a slow reader does not trip it).
        const guard = new PassThrough();
        let timer: NodeJS.Timeout | undefined;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(
            () => guard.destroy(unavailable(new Error(`S3 answer stalled for ${config.timeoutMs} ms`))),
            config.timeoutMs,
          );
        };
        arm();
        pipeline(
          object.Body,
          new Transform({
            transform(chunk, _encoding, done) {
              arm();
              done(null, chunk);
            },
          }),
          guard,
        )
          .catch((error: unknown) => guard.destroy(unavailable(error)))
          .finally(() => clearTimeout(timer));
        return guard;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw unavailable(error);
      }
    },
    async get(key) {
      assertSafeKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        // Photos are re-encoded (at most about 1 MB): read whole, so a cut answer is a 503, never half a photo.
        const data = await readWithin(object.Body, config.timeoutMs);
        return { data, contentType: object.ContentType ?? contentTypeOf(key) };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw unavailable(error);
      }
    },
    async exists(key) {
      assertSafeKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw unavailable(error);
      }
    },
    async delete(key) {
      assertSafeKey(key);
      await call(() => client.send(new DeleteObjectCommand({ Bucket, Key: key })));
    },
    async *list(prefix): AsyncGenerator<StoredFile> {
      assertSafePrefix(prefix);
      let ContinuationToken: string | undefined;
      do {
        const page = await call(() =>
          client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken })),
        );
        for (const object of page.Contents ?? []) {
          if (object.Key && object.LastModified) yield { key: object.Key, modifiedAt: object.LastModified };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    destroy() {
      client.destroy();
    },
  };
}

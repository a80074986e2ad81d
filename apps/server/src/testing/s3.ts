/// <reference path="../types/s3rver.d.ts" />
// Test support: an S3-compatible server (s3rver) on loopback with a fresh bucket, and loopback proxies in front of
// it that fail the way a real store does (hangs, 500s, cut connections).
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3StoreConfig } from '../storage/s3-file-store.ts';

export const S3_BUCKET = 'dltt-photos';
/** s3rver's fixed credentials. */
const S3_KEY = 'S3RVER';

export interface TestS3 {
  endpoint: string;
  /** A store config for `endpoint` (or another address, such as a proxy in front of it). */
  storeConfig(overrides?: Partial<S3StoreConfig> & { endpoint?: string }): S3StoreConfig;
  /** Environment for startTestApp: the server stores its files in this bucket. */
  env(endpoint?: string): Record<string, string>;
  close(): Promise<void>;
}

export async function startS3(): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'dltt-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: S3_BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    storeConfig: (overrides = {}) => ({
      endpoint,
      bucket: S3_BUCKET,
      region: 'us-east-1',
      credentials: { accessKeyId: S3_KEY, secretAccessKey: S3_KEY },
      forcePathStyle: true,
      timeoutMs: 5_000,
      maxAttempts: 2,
      ...overrides,
    }),
    env: (at = endpoint) => ({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: at,
      S3_BUCKET,
      S3_ACCESS_KEY_ID: S3_KEY,
      S3_SECRET_ACCESS_KEY: S3_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    }),
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP proxy on loopback that misbehaves: `stall` accepts and never answers, `halfAnswer` sends the headers and
 * the first bytes of a 200 and then nothing more, `error500` answers every request
 * with an S3 InternalError, `cutUploadAt` forwards to `target` but cuts a connection once that many bytes came
 * from the client. `pass` forwards (the store is healthy again). Counts the connections it took.
 */
export async function startFaultyProxy(target: string, initial: FaultMode) {
  let mode = initial;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const upstream = new URL(target);
  const server = net.createServer((client) => {
    connections += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    const current = mode;
    if (current.kind === 'stall') return;
    if (current.kind === 'halfAnswer') {
      client.once('data', () => {
        client.write(
          `HTTP/1.1 200 OK\r\ncontent-type: image/jpeg\r\ncontent-length: 100000\r\n\r\n${'x'.repeat(1000)}`,
        );
      });
      return;
    }
    if (current.kind === 'error500') {
      client.once('data', () => {
        const body =
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code>' +
          '<Message>We encountered an internal error. Please try again.</Message></Error>';
        client.end(
          `HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/xml\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
      });
      return;
    }
    const server = net.connect(Number(upstream.port), upstream.hostname);
    sockets.add(server);
    server.on('close', () => sockets.delete(server));
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
    server.pipe(client);
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      if (current.kind === 'cutUploadAt' && sent + chunk.length >= current.bytes) {
        server.write(chunk.subarray(0, current.bytes - sent));
        // The client and the store both lose the connection midway through the upload.
        server.destroy();
        client.destroy();
        return;
      }
      sent += chunk.length;
      server.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Changes how new connections fare; open ones are cut, as when a store goes down or comes back. */
    set(next: FaultMode) {
      mode = next;
      for (const socket of sockets) socket.destroy();
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'stall' }
  | { kind: 'halfAnswer' }
  | { kind: 'error500' }
  | { kind: 'cutUploadAt'; bytes: number };

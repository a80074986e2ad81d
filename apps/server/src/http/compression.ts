import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Types worth compressing on the fly: text, JSON, XML and SVG (the ticket's QR code). Never a Server-Sent Events
 * stream (a compressor holds events back until its buffer fills, so live screens would stall) and never a photo
 * or other binary (JPEG, PNG, WebP are compressed already: the CPU is spent for nothing). Decided on the
 * content type alone, so it holds however a route sends its answer.
 */
const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)|application\/(?:[\w.+-]+\+)?(?:json|xml)(?:;|$)|application\/javascript|image\/svg\+xml)/;

/**
 * API answers compressed as they are sent: brotli (quality 4, the plugin's default for on-the-fly work) or
 * gzip, whichever the client prefers, from 1 kB up (below that the headers cost more than they save). Static
 * assets arrive precompressed at build time (static.ts) and the plugin leaves an answer that already has a
 * Content-Encoding alone. Request bodies are not decompressed: no client of ours sends them compressed, and it
 * would be one more way in to guard.
 */
export async function registerCompression(app: FastifyInstance) {
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: (contentType: string) => COMPRESSIBLE.test(contentType),
    globalDecompression: false,
  });
}

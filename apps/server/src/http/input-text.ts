import { Stream } from 'node:stream';
import { disallowedCharacter } from '@dltt/contracts';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Where the first string of a parsed request part (a value or an object key, at any depth) holds a character no
 * text may hold, as a path like `body.attributes.0.value`; null when all is clean. Iterative: a deeply nested body
 * cannot exhaust the stack. A body handed over as a stream (a raw upload) is not text and is not walked: a socket's
 * objects refer to each other in cycles.
 */
export function findDisallowedText(
  root: unknown,
  rootPath: string,
): { path: string; character: string } | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string];
    if (typeof value === 'string') {
      const character = disallowedCharacter(value);
      if (character) return { path, character };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}.${i}`]);
    } else if (
      typeof value === 'object' &&
      value !== null &&
      !Buffer.isBuffer(value) &&
      !(value instanceof Stream)
    ) {
      for (const [key, item] of Object.entries(value)) {
        const character = disallowedCharacter(key);
        if (character) return { path: `${path}.${key.replace(/[^\x20-\x7e]/g, '?')}`, character };
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/**
 * Every route's input is checked here, before its own schema, so no route can forget it: a control character in
 * any text is a 400 VALIDATION_FAILED naming the field, never a 500 from the database or a broken XML feed.
 */
export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const found = findDisallowedText(value, part);
      if (found) {
        throw new AppError('VALIDATION_FAILED', [
          { path: found.path, message: `must not contain the control character ${found.character}` },
        ]);
      }
    }
  });
}

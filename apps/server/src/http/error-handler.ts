import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, outageLogger } from '../db/unavailable.ts';
import { AppError, type ErrorCode, type Lang, messageFor } from '../errors.ts';

/** The language of error messages: English only when the client asks for it first. */
export function requestLang(request: FastifyRequest): Lang {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'vi';
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_CSRF_INVALID_TOKEN: 'CSRF_INVALID',
  FST_CSRF_MISSING_SECRET: 'CSRF_INVALID',
};

/** PostgreSQL errors caused by values a client sent: untranslatable character, invalid text representation,
 * invalid datetime format, datetime field overflow, numeric value out of range, unsupported Unicode escape in
 * JSON (`\u0000`). The text guard (input-text.ts) stops such input first; these are the safety net. */
const POSTGRES_INPUT_ERRORS = new Set(['22021', '22P02', '22007', '22008', '22003', '22P05']);

/** PostgreSQL aborted the transaction to break a deadlock or a serialization conflict: retrying may succeed. */
const POSTGRES_RETRY_ERRORS = new Set(['40P01', '40001']);

/**
 * A foreign-key violation naming a missing citizen (`Key (citizen_id)=(…) is not present in table "citizens"`):
 * the request's citizen was merged into their Zalo identity while it ran. The app signs in again on 401.
 */
function isMissingCitizen(error: { code?: string; detail?: unknown }): boolean {
  return (
    error.code === '23503' &&
    typeof error.detail === 'string' &&
    /^Key \(citizen_id\)=\(.*\) is not present in table "citizens"\.$/.test(error.detail)
  );
}

/** Errors from plugins (static files, rate limit...) keep their meaning: a 404 never becomes a 400. */
const STATUS_CODES: Record<number, ErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  429: 'RATE_LIMITED',
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new AppError(
      'VALIDATION_FAILED',
      error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
        message: v.message,
      })),
    );
  }
  const fe = error as Partial<FastifyError>;
  if (fe.code && FASTIFY_CODES[fe.code]) return new AppError(FASTIFY_CODES[fe.code]!);
  // Input PostgreSQL cannot take although it passed the schemas (a NUL byte in text, an impossible date):
  // the client's fault, never a 500.
  if (fe.code && POSTGRES_INPUT_ERRORS.has(fe.code)) return new AppError('VALIDATION_FAILED');
  if (fe.code && POSTGRES_RETRY_ERRORS.has(fe.code)) return new AppError('TRY_AGAIN');
  // PostgreSQL unreachable or not answering in time: the request may be repeated (with its Idempotency-Key).
  if (isDatabaseUnavailable(error)) return new AppError('DATABASE_UNAVAILABLE');
  if (isMissingCitizen(error as { code?: string; detail?: unknown }))
    return new AppError('CITIZEN_UNAUTHENTICATED');
  const byStatus = fe.statusCode ? STATUS_CODES[fe.statusCode] : undefined;
  if (byStatus) return new AppError(byStatus);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('BAD_REQUEST');
  return new AppError('INTERNAL');
}

/** Seconds a client should wait before repeating a request the database could not serve. */
export const DATABASE_RETRY_AFTER_S = 5;

export function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError) {
  if (appError.code === 'DATABASE_UNAVAILABLE') reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
  return reply.status(appError.status).send({
    error: {
      code: appError.code,
      message: appError.messageIn(requestLang(request)),
      requestId: String(request.id),
      ...(appError.details === undefined ? {} : { details: appError.details }),
    },
  });
}

/** For Fastify's `frameworkErrors` option: a malformed URL or header gets our error shape too. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendError(request, reply, toAppError(error));
}

/**
 * Server-side answers that describe the installation, not a fault: anyone can provoke them as often as they like
 * (Zalo sign-in on a server without Zalo), so they are logged once per process as a warning, not per request.
 */
const STATE_NOT_FAULT = new Set<ErrorCode>(['ZALO_NOT_CONFIGURED']);

export function registerErrorHandling(app: FastifyInstance) {
  const warned = new Set<ErrorCode>();
  const outage = outageLogger((fields) => app.log.warn(fields, 'database unavailable: answering 503'));
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'DATABASE_UNAVAILABLE') {
      outage(error);
    } else if (STATE_NOT_FAULT.has(appError.code)) {
      if (!warned.has(appError.code)) {
        warned.add(appError.code);
        request.log.warn({ code: appError.code }, `${appError.messageIn('en')} (logged once)`);
      }
    } else if (appError.status >= 500 || isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: appError.code }, 'client error');
    }
    return sendError(request, reply, appError);
  });
}

export { messageFor };

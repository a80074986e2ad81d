/*
 * The API's error shape as the console sees it. Kept apart from the client (app/api.ts) so that pure code, and
 * its unit tests under node, can use it without the client's i18n set-up.
 */

/** A failed API call: the server's stable code and its (already translated) message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

export interface ValidationIssue {
  /** Where, as the server names it: "body.2.values", "body.features.0.geometry.type". */
  path: string;
  message: string;
}

/** The field-by-field problems of a 400 VALIDATION_FAILED answer; empty for any other error. */
export function validationIssues(error: unknown): ValidationIssue[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  const details: unknown = error.details;
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) =>
    typeof d === 'object' &&
    d !== null &&
    'path' in d &&
    'message' in d &&
    typeof d.path === 'string' &&
    typeof d.message === 'string'
      ? [{ path: d.path, message: d.message }]
      : [],
  );
}

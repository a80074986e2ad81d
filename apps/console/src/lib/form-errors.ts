import { ApiError, validationIssues } from './api-error.ts';

/** Where a form shows the server's refusals (see placeServerError). */
export interface ServerErrorPlacement<K extends string> {
  /** Error codes that belong to one field (USERNAME_TAKEN → username): the message goes beside that field. */
  fieldOfCode?: Readonly<Partial<Record<string, K>>> | undefined;
  /**
   * The field a VALIDATION_FAILED detail belongs to, from its path without "body." ("normal.resolveHours");
   * undefined when it is no field of the form. Setting it lists the other details (see describeIssue).
   */
  fieldOfPath?: ((path: string) => K | undefined) | undefined;
  /**
   * How a detail that belongs to no field is listed under the message ("path: message" when not given).
   * Setting it, or fieldOfPath, lists the details; without either only the message is shown.
   */
  describeIssue?: ((path: string, message: string) => string) | undefined;
}

export interface PlacedServerError<K extends string> {
  /** Messages beside fields. */
  fields: Partial<Record<K, string>>;
  /** The message above the form; undefined when the error went beside its field. */
  message: string | undefined;
  /** Details listed under the message. */
  issues: string[];
}

/**
 * Splits a failed save between the form's fields and the message above it. An error whose code names a field
 * goes beside that field only; any other shows `message` above the form, with its VALIDATION_FAILED details
 * beside their fields or listed, as the placement says.
 */
export function placeServerError<K extends string>(
  error: unknown,
  message: string,
  placement: ServerErrorPlacement<K>,
): PlacedServerError<K> {
  const fields: Partial<Record<K, string>> = {};
  const field = error instanceof ApiError ? placement.fieldOfCode?.[error.code] : undefined;
  if (field) {
    fields[field] = message;
    return { fields, message: undefined, issues: [] };
  }
  const issues: string[] = [];
  const { fieldOfPath, describeIssue } = placement;
  if (fieldOfPath || describeIssue) {
    for (const issue of validationIssues(error)) {
      const path = issue.path.replace(/^body\.?/, '');
      const at = fieldOfPath?.(path);
      if (at) fields[at] = issue.message;
      else if (describeIssue) issues.push(describeIssue(path, issue.message));
      else issues.push(path ? `${path}: ${issue.message}` : issue.message);
    }
  }
  return { fields, message, issues };
}

/** Error codes of the HTTP envelope (DESIGN.md section 4), each with its status. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_DISABLED: 503,
  DEPENDENCY_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * An error the caller can act on. It carries its HTTP status and code so the one
 * error middleware (and the REST clients mapping answers back) never guess.
 */
// A registry symbol, so an AppError is recognised even when a loader (tsx, a dynamic
// import) has evaluated this module twice and there are two AppError classes.
const BRAND = Symbol.for('botplatform.AppError');

export class AppError extends Error {
  readonly status: number;
  readonly [BRAND] = true;
  /** Response headers the answer needs (Allow on a 405, Retry-After on a 429). */
  headers: Record<string, string> = {};

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static conflict(message: string): AppError {
    return new AppError('CONFLICT', message);
  }

  static validation(message: string, details: ErrorDetail[] = []): AppError {
    return new AppError('VALIDATION_FAILED', message, details);
  }

  /** The same error with response headers added; returns itself, for `throw e.withHeaders(...)`. */
  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }

  static unavailable(dependency: string): AppError {
    return new AppError('DEPENDENCY_UNAVAILABLE', `${dependency} is unavailable; try again shortly`);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** What to log or report for anything thrown: an Error's message, else its string form. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Anything thrown, as an Error (a thrown string becomes the message of one). */
export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * `err` with the step it failed in ahead of its message ("while applying Deployment
 * demo-api: ..."), as CloudNativePG wraps its errors, the original kept as `cause`.
 * The wrapper is of the original's class and carries its own fields (a KubeError's code
 * and reason, an AppError's status and code), so callers that branch on them still can.
 */
export function withContext(step: string, err: unknown): Error {
  const message = `while ${step}: ${errorMessage(err)}`;
  if (!(err instanceof Error)) return new Error(message, { cause: err });
  const wrapped = Object.assign(Object.create(Object.getPrototypeOf(err) as object | null) as Error, err);
  Object.defineProperty(wrapped, 'message', { value: message, writable: true, configurable: true });
  Object.defineProperty(wrapped, 'cause', { value: err, writable: true, configurable: true });
  Error.captureStackTrace(wrapped, withContext);
  return wrapped;
}

/** The one place the web app talks HTTP: same-origin cookies, JSON in and out, typed errors. */

/** An API failure: HTTP status, the contract's error code, its message and optional details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** For a conflict, which one (the server's `error.reason`). */
  readonly reason: string | undefined;
  /** For a 429 (or a 503), when the server says trying again can work: its `Retry-After`, as a time. */
  readonly retryAt: Date | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, reason?: string, retryAt?: Date) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.reason = reason;
    this.retryAt = retryAt;
  }
}

/** When a `Retry-After` header (seconds, or an HTTP date) says to try again; undefined when absent or unreadable. */
export function retryAtOf(header: string | null, now = Date.now()): Date | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return new Date(now + Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at);
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let unauthenticatedHandler: ((path: string) => void) | null = null;

/** Registers who to tell when the server says the session is gone (401), e.g. to show sign-in. */
export function onUnauthenticated(handler: ((path: string) => void) | null): void {
  unauthenticatedHandler = handler;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown; reason?: unknown };
}

async function readError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy page, an empty body): fall back to the status code alone.
    body = null;
  }
  const err = body?.error;
  const code = typeof err?.code === 'string' ? err.code : (CODE_BY_STATUS[res.status] ?? (res.status >= 500 ? 'server_error' : 'unknown'));
  const message = typeof err?.message === 'string' ? err.message : res.statusText || code;
  const reason = typeof err?.reason === 'string' ? err.reason : undefined;
  return new ApiError(res.status, code, message, err?.details, reason, retryAtOf(res.headers.get('retry-after')));
}

/**
 * Sends one JSON request to the API and returns the parsed body (undefined for 204). A request that creates something
 * may carry an `idempotencyKey` (lib/submissionKey.ts): its retry then cannot create it twice.
 */
export async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let res: Response;
  try {
    // The signal detaches the caller (a page left, a newer refetch) without cancelling the request: a cancelled
    // request shows as a failed one in the browser's network log and tools, for nothing the server would save.
    const sent = fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    res = signal ? await detachable(sent, signal, path) : await sent;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!res.ok) {
    const err = await readError(res);
    if (err.status === 401 && !path.startsWith('/api/auth/') && path !== '/api/me') unauthenticatedHandler?.(path);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Resolves with the response unless `signal` aborts first, then rejects with an AbortError; the request runs on. */
function detachable(sent: Promise<Response>, signal: AbortSignal, path: string): Promise<Response> {
  const aborted = () => new DOMException('The caller no longer waits for this request', 'AbortError');
  if (signal.aborted) {
    sent.catch((err: unknown) => console.debug('a request nobody waited for failed', path, err));
    return Promise.reject(aborted());
  }
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => {
      sent.catch((err: unknown) => console.debug('a request nobody waited for failed', path, err));
      reject(aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    sent.then(
      (res) => {
        signal.removeEventListener('abort', onAbort);
        resolve(res);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** True when a thrown value is an aborted fetch (a component unmounted); nothing to show. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** The file name a Content-Disposition header suggests (its UTF-8 form first), if any. */
export function suggestedFileName(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // A malformed escape: fall back to the plain name below.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : null;
}

/** Fetches a file the API builds (an export, a CSV) with the same errors as `request`, and the name to save it under. */
export async function fetchFile(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!res.ok) {
    const err = await readError(res);
    if (err.status === 401) unauthenticatedHandler?.(path);
    throw err;
  }
  return { blob: await res.blob(), fileName: suggestedFileName(res.headers.get('content-disposition')) };
}

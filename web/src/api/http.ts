// Fetch helpers for /api/v1: query strings from plain objects, JSON errors turned into ApiError.

export type Query = Record<string, string | number | undefined>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function url(path: string, q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return `/api/v1/${path}${s ? `?${s}` : ''}`;
}

async function request(path: string, q: Query, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url(path, q), signal ? { signal } : {});
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'unreachable', 'cannot reach the liqmap server — is `liqmap serve` running?');
  }
  if (!res.ok) {
    let code = 'http_error';
    let message = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: string; message?: string };
      code = body.error ?? code;
      message = body.message ?? message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, code, message);
  }
  return res;
}

export async function getJson<T>(path: string, q: Query = {}, signal?: AbortSignal): Promise<T> {
  return (await (await request(path, q, signal)).json()) as T;
}

export async function getBinary(path: string, q: Query = {}, signal?: AbortSignal): Promise<ArrayBuffer> {
  return (await request(path, q, signal)).arrayBuffer();
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Minimal admin API client for tests: JSON in, JSON (or text) out, never throws on HTTP status. */
export function apiClient(baseUrl: string, token?: string) {
  return async function api<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
}

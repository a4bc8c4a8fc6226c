import fs from 'node:fs';
import path from 'node:path';

export function consoleAvailable(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'index.html'));
}

/** A GET for a page of the console (not the API, not the gateway protocol): answered with index.html. */
export function isSpaRequest(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const p = url.split('?')[0] ?? '/';
  return !(p === '/api' || p.startsWith('/api/') || p === '/internal' || p.startsWith('/internal/'));
}

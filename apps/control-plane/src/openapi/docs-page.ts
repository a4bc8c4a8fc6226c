/** Structural view of the parts of an OpenAPI document the page shows. */
interface DocLike {
  info?: { title?: string; version?: string };
  paths?: Record<string, Record<string, { operationId?: string; tags?: string[]; 'x-aya-permission'?: string; security?: unknown[]; requestBody?: unknown; responses?: Record<string, unknown> }>>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function accessLabel(op: { 'x-aya-permission'?: string; security?: unknown[] }): string {
  if (op['x-aya-permission']) return op['x-aya-permission'];
  return op.security && op.security.length === 0 ? 'public' : 'cluster token';
}

/**
 * A self-contained page (no scripts, no CDN: the machine may be offline) listing every operation of the
 * document, rendered on the server from the same JSON served at /api/openapi.json.
 */
export function renderDocsPage(doc: DocLike): string {
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const codes = Object.keys(op.responses ?? {}).join(' ');
      return `<tr><td class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.operationId ?? '')}</td><td>${escapeHtml(accessLabel(op))}</td><td>${op.requestBody ? 'json' : ''}</td><td>${escapeHtml(codes)}</td></tr>`;
    }),
  );
  const title = escapeHtml(`${doc.info?.title ?? 'API'} ${doc.info?.version ?? ''}`.trim());
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.35rem .6rem;text-align:left}th{background:#f4f4f4}
.m{font-weight:600;font-family:monospace}.get{color:#1565c0}.post{color:#2e7d32}.put,.patch{color:#ef6c00}.delete{color:#c62828}
</style></head><body>
<h1>${title}</h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Admin endpoints take <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>operation</th><th>access</th><th>body</th><th>responses</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></body></html>
`;
}

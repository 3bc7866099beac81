// GET /api/docs: a self-contained HTML page rendered from the OpenAPI document (no external scripts).
type Json = Record<string, unknown>;

function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function typeOf(schema: Json): string {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).join(' | ');
  const t = schema.type;
  const range = [schema.minimum !== undefined ? `≥ ${schema.minimum}` : '', schema.maximum !== undefined ? `≤ ${schema.maximum}` : ''].filter(Boolean).join(', ');
  return `${esc(t ?? 'any')}${range ? ` (${range})` : ''}`;
}

export function docsPage(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const sections: string[] = [];
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters as Json[]) ?? [];
      const rows = params
        .map((p) => {
          const s = p.schema as Json;
          return `<tr><td><code>${esc(p.name)}</code>${p.required ? ' *' : ''}</td><td>${typeOf(s)}</td><td>${s.default !== undefined ? `<code>${esc(JSON.stringify(s.default))}</code>` : ''}</td><td>${esc(p.description)}</td></tr>`;
        })
        .join('');
      const types = Object.entries(op.responses as Record<string, Json>)
        .map(([status, r]) => `<li><b>${esc(status)}</b> ${esc(r.description)}${r.content ? ` — ${Object.keys(r.content as Json).map(esc).join(', ')}` : ''}</li>`)
        .join('');
      const tryIt = method === 'get' && path !== '/api/v1/stream' ? ` <a href="${esc(path)}">try</a>` : '';
      sections.push(
        `<section id="${esc(op.operationId)}"><h2><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code>${tryIt}</h2><p>${esc(op.summary)}</p>` +
          (op.description ? `<p class="d">${esc(op.description)}</p>` : '') +
          (rows ? `<table><tr><th>parameter</th><th>type</th><th>default</th><th></th></tr>${rows}</table>` : '') +
          `<ul>${types}</ul></section>`,
      );
    }
  }
  const schemas = (doc.components as Json).schemas as Json;
  const ws = ['StreamClientMessage', 'StreamServerMessage'].map((n) => `<h3>${n}</h3><pre>${esc(JSON.stringify(schemas[n], null, 2))}</pre>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>
body{font:15px/1.45 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#ddd;background:#12121c}
a{color:#8cf}code,pre{font-family:ui-monospace,monospace}pre{background:#1c1c2a;padding:1em;overflow:auto;max-height:30em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #333;padding:.3em .5em;text-align:left;vertical-align:top}
.m{background:#2a6;color:#fff;padding:0 .4em;border-radius:3px;font-size:.8em}.d{color:#aaa}section{margin:2em 0}
</style></head><body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> · metrics: <a href="/metrics">/metrics</a></p>
${sections.join('\n')}<section><h2>WebSocket messages</h2>${ws}</section></body></html>`;
}

/**
 * A self-contained API docs page: it reads the OpenAPI document and lists each operation with its
 * schemas. No script or font from a CDN, so it works offline and on the slowest connection.
 */
export const docsPage = (specUrl: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>nongsan API v1</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#1f2a1f}
h1{color:#2f6b3a}details{border:1px solid #d8e2d3;border-radius:8px;margin:8px 0;padding:8px 12px}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace}pre{background:#f5f7f2;padding:8px;overflow:auto}
.m{display:inline-block;min-width:4.5em;font-weight:700;text-transform:uppercase}
</style></head><body>
<h1>nongsan API v1</h1>
<p>Tài liệu API công khai / Public API reference. Bản OpenAPI / OpenAPI document: <a href="${specUrl}">${specUrl}</a></p>
<div id="ops">Đang tải… / Loading…</div>
<script type="module">
const spec = await (await fetch(${JSON.stringify(specUrl)})).json();
const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
const out = [];
for (const [path, ops] of Object.entries(spec.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const body = op.requestBody?.content?.['application/json']?.schema;
    const responses = Object.entries(op.responses ?? {}).map(([s, r]) => '<li><b>' + s + '</b> ' + esc(r.description ?? '') + '</li>').join('');
    out.push('<details><summary><span class="m">' + method + '</span> <code>/api/v1' + esc(path) + '</code> — ' + esc(op.summary ?? '') + '</summary>'
      + (op.parameters?.length ? '<p>Parameters: ' + op.parameters.map((p) => '<code>' + esc(p.name) + '</code> (' + p.in + ')').join(', ') + '</p>' : '')
      + (body ? '<p>Body</p><pre>' + esc(JSON.stringify(body, null, 2)) + '</pre>' : '')
      + '<ul>' + responses + '</ul></details>');
  }
}
document.getElementById('ops').innerHTML = out.join('');
</script></body></html>`;

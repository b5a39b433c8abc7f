// `pnpm check` for the storefront: svelte-check, failing on any error or warning in web/.
//
// Why a wrapper: the web imports the API's route types (`import type { AppType }`), so
// TypeScript loads the API's source and the packages it uses — and checks them with the web's
// compiler options (DOM types, for the browser). Code that is correct for Node (e.g. a
// Uint8Array as a fetch body) can then fail only here. Those files are checked by their own
// package's `typecheck` with their own options; here they are listed, not counted.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(
  'node_modules/.bin/svelte-check',
  ['--tsconfig', './tsconfig.json', '--output', 'machine-verbose', '--fail-on-warnings'],
  { cwd: webDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);

if (result.error) {
  console.error(`could not run svelte-check: ${result.error.message}`);
  process.exit(1);
}

const inside = [];
const outside = [];
let completed = false;
for (const line of result.stdout.split('\n')) {
  const body = line.replace(/^\d+\s+/, '');
  if (body.startsWith('COMPLETED')) completed = true;
  if (!body.startsWith('{')) continue;
  const diagnostic = JSON.parse(body);
  // Paths are relative to web/: anything starting with ../ belongs to another package.
  (diagnostic.filename.startsWith('../') ? outside : inside).push(diagnostic);
}

const show = (d) =>
  `${d.filename}:${d.start.line + 1}:${d.start.character + 1} ${d.type}${typeof d.code === 'number' ? ` TS${d.code}` : d.code ? ` ${d.code}` : ''}\n  ${d.message.replaceAll('\n', '\n  ')}`;

for (const d of inside) console.error(show(d));
if (outside.length > 0) {
  console.warn(
    `\nnote: ${outside.length} diagnostic(s) in other workspace packages, seen through the API's types with the web's compiler options (not counted here):`,
  );
  for (const d of outside) console.warn(show(d));
}

const errors = inside.filter((d) => d.type === 'ERROR').length;
const warnings = inside.filter((d) => d.type === 'WARNING').length;
if (!completed) {
  console.error(result.stderr || 'svelte-check did not complete');
  process.exit(1);
}
console.log(`\nsvelte-check (web/): ${errors} errors and ${warnings} warnings`);
process.exit(errors + warnings > 0 ? 1 : 0);

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layering of docs/decisions/0016-layering.md, checked on the source itself: every import of
// every .ts file in api/, db/ and packages/ (and web/src's imports of our packages) is parsed with
// the TypeScript compiler, resolved to a file, and the graph must have no cycle and no arrow that
// points up. Type-only imports count too: a type cycle still ties the files together for a reader.

const ROOT = path.resolve(import.meta.dirname, '../..');
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

type Edge = { from: string; to: string; typeOnly: boolean; line: number };

function listFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, exts));
    else if (exts.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** `@nongsan/<name>[/sub]` -> the file its package.json `exports` names. */
const workspaceExports = new Map<string, string>();
for (const dir of ['api', 'db', ...readdirSync(path.join(ROOT, 'packages')).map((p) => `packages/${p}`)]) {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string>;
  };
  for (const [sub, target] of Object.entries(pkg.exports)) {
    workspaceExports.set(sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`, path.join(ROOT, dir, target));
  }
}

function resolve(specifier: string, fromFile: string): string | null {
  if (specifier.startsWith('@nongsan/')) {
    const target = workspaceExports.get(specifier);
    if (!target) throw new Error(`${rel(fromFile)}: ${specifier} is not exported by any workspace package`);
    return target;
  }
  if (!specifier.startsWith('.')) return null; // npm packages, $lib and $app aliases
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return null; // .svelte, .json and other non-TypeScript files
}

function importsOf(file: string): Edge[] {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.svelte')) {
    text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  }
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (specifier: ts.Expression, typeOnly: boolean) => {
    if (!ts.isStringLiteral(specifier)) return;
    const to = resolve(specifier.text, file);
    const line = source.getLineAndCharacterOfPosition(specifier.getStart(source)).line + 1;
    if (to) edges.push({ from: file, to, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const namedAllTypes =
        clause?.namedBindings &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, Boolean(clause?.isTypeOnly || (namedAllTypes && !clause?.name)));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const clause = node.exportClause;
      const allTypes = clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, Boolean(node.isTypeOnly || allTypes));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const sourceFiles = ['api', 'db', 'packages'].flatMap((dir) => listFiles(path.join(ROOT, dir), ['.ts']));
const edges = sourceFiles.flatMap(importsOf);
const webEdges = listFiles(path.join(ROOT, 'web/src'), ['.ts', '.svelte'])
  .flatMap(importsOf)
  .filter((e) => !rel(e.to).startsWith('web/'));
const show = (e: Edge) => `${rel(e.from)}:${e.line} imports ${rel(e.to)}${e.typeOnly ? ' (type-only)' : ''}`;

/** Where a file sits: its workspace, and inside api/src its module (or `lib` / `root`). */
function placeOf(file: string) {
  const r = rel(file);
  // Test code: *.test.ts files and test/ folders (harnesses, factories, shared contract suites).
  const isTest = /\.test\.ts$/.test(r) || /(^|\/)tests?\//.test(r);
  const pkg = /^packages\/([^/]+)\//.exec(r)?.[1];
  if (pkg) return { layer: 'packages', pkg, isTest } as const;
  if (r.startsWith('db/')) return { layer: 'db', isTest } as const;
  const mod = /^api\/src\/modules\/([^/]+)\//.exec(r)?.[1];
  if (mod) return { layer: 'module', module: mod, isTest } as const;
  const infra = /^api\/src\/(lib\/.*|deps\.ts|env\.ts|errors\.ts)$/.test(r);
  return { layer: infra ? 'api-lib' : 'api-root', isTest } as const;
}

/** Every rule an import must keep; returns why it breaks one, or null. */
function violation(e: Edge): string | null {
  const from = placeOf(e.from);
  const to = placeOf(e.to);
  const target = rel(e.to);
  if (from.layer === 'packages' && to.layer !== 'packages' && !(from.isTest && to.layer === 'db')) {
    // A package's own tests may borrow db's test databases; its code may not import app code.
    return 'a package imports app code (db or api)';
  }
  if (from.layer === 'db' && to.layer !== 'packages' && to.layer !== 'db') return 'db imports the api';
  if (from.layer === 'api-lib' && !from.isTest && (to.layer === 'module' || to.layer === 'api-root')) {
    return 'infrastructure (lib/, deps.ts, env.ts, errors.ts) imports a module or the composition root';
  }
  if (from.layer === 'module' && to.layer === 'api-root' && !from.isTest)
    return 'a module imports the composition root';
  if (/\.routes\.ts$/.test(target) && rel(e.from) !== 'api/src/app.ts' && !from.isTest) {
    return 'only app.ts mounts routes (a module index exports its services, not its routes)';
  }
  if (
    from.layer === 'module' &&
    to.layer === 'module' &&
    from.module !== to.module &&
    !from.isTest &&
    target !== `api/src/modules/${to.module}/index.ts`
  ) {
    return `module ${from.module} reaches into module ${to.module} past its index.ts`;
  }
  return null;
}

/** Tarjan's strongly connected components: each one with more than one file is a cycle. */
function cycles(files: string[], graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w) {
          onStack.delete(w);
          component.push(w);
        }
      } while (w && w !== v);
      if (component.length > 1) found.push(component);
    }
  };
  for (const file of files) if (!index.has(file)) connect(file);
  return found;
}

/** One concrete loop through a component, to print: a -> b -> ... -> a. */
function loopIn(component: string[], graph: Map<string, string[]>): string {
  const members = new Set(component);
  const start = [...component].sort()[0] ?? '';
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift() ?? '';
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const loop: string[] = [];
        for (let at = v; at !== start; at = previous.get(at) ?? start) loop.unshift(at);
        return [start, ...loop, start].map(rel).join(' -> ');
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component.map(rel).join(', ');
}

describe('layering (docs/decisions/0016-layering.md)', () => {
  it('finds the imports it checks', () => {
    // Guards the checker itself: a broken parser would find nothing and pass everything.
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => rel(e.from) === 'api/src/app.ts' && rel(e.to) === 'api/src/lib/router.ts')).toBe(true);
    expect(webEdges.some((e) => rel(e.to) === 'api/src/index.ts')).toBe(true);
  });

  it('has no import cycle in api/, db/ or packages/', () => {
    const graph = new Map<string, string[]>();
    for (const e of edges) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    const found = cycles(sourceFiles, graph).map((c) => `cycle among ${c.length} files, e.g. ${loopIn(c, graph)}`);
    expect(found, found.join('\n')).toEqual([]);
  });

  it('imports only downwards: packages <- db <- api lib <- modules (through index.ts) <- app.ts', () => {
    const broken = edges.flatMap((e) => {
      const why = violation(e);
      return why ? [`${show(e)}: ${why}`] : [];
    });
    expect(broken, broken.join('\n')).toEqual([]);
  });

  it('web imports the api only as types, and no server-side package', () => {
    const broken = webEdges.flatMap((e) => {
      const target = rel(e.to);
      if (target.startsWith('api/') && !e.typeOnly) return [`${show(e)}: web may import only types from the api`];
      if (target.startsWith('api/') || /^packages\/(contracts|vn)\//.test(target)) return [];
      return [`${show(e)}: web may import only the api's types, contracts and vn`];
    });
    expect(broken, broken.join('\n')).toEqual([]);
  });
});

// ---- table ownership ----------------------------------------------------------------------------
// Each table is written (insert, update, delete) by one module only: its owner. The owner is found
// from the code, so the check needs no list to keep: two modules writing one table fail it.
// Reads of another module's table are the debt decision 0017 records: joins for lists, reports and
// locks. They are listed here, so a new one fails until it is either routed through the owner's
// index or added on purpose; lib/access reads (never writes) who owns what, by design.

type TableUse = { file: string; owner: string; tables: Set<string>; writes: { table: string; line: number }[] };

function tableUses(): TableUse[] {
  return sourceFiles.flatMap((file) => {
    const r = rel(file);
    const owner = /^api\/src\/modules\/([^/]+)\//.exec(r)?.[1] ?? /^api\/src\/(lib\/[^/]+)\//.exec(r)?.[1];
    if (!owner || placeOf(file).isTest) return [];
    const text = readFileSync(file, 'utf8');
    const tables = new Set<string>();
    for (const m of text.matchAll(/const \{([^}]*)\}\s*=\s*schema/g)) {
      for (const name of (m[1] ?? '').split(',')) if (name.trim()) tables.add(name.trim());
    }
    for (const m of text.matchAll(/schema\.([a-z]\w*)\b(?!\s*\()/g)) tables.add(m[1] ?? '');
    const writes = [...text.matchAll(/\.(?:insert|update|delete)\(\s*(?:schema\.)?(\w+)\s*\)/g)]
      .filter((m) => tables.has(m[1] ?? ''))
      .map((m) => ({ table: m[1] ?? '', line: text.slice(0, m.index).split('\n').length }));
    return [{ file: r, owner, tables, writes }];
  });
}

/** Tables each file reads although another module owns them (see the comment above). */
const CROSS_MODULE_READS: Record<string, string[]> = {
  'api/src/lib/access/access.repo.ts': ['cooperativeMembers', 'fulfilments', 'listings', 'sellers'],
  'api/src/modules/auth/me.repo.ts': ['cooperativeMembers', 'sellers'],
  'api/src/modules/cooperatives/members.repo.ts': ['sellers', 'users'],
  'api/src/modules/cooperatives/reports.repo.ts': [
    'fulfilments',
    'listings',
    'lots',
    'orderItemAllocations',
    'orderItems',
    'orders',
    'refunds',
    'stockMovements',
    'users',
  ],
  'api/src/modules/cooperatives/stock.repo.ts': ['listings', 'lots', 'stockMovements', 'users'],
  'api/src/modules/inventory/inventory.repo.ts': [
    'certifications',
    'cooperativeMembers',
    'listingCertifications',
    'listings',
    'sellers',
  ],
  'api/src/modules/inventory/lot-expiry.repo.ts': ['listings'],
  'api/src/modules/listings/listings.repo.ts': ['certifications', 'sellers'],
  'api/src/modules/orders/orders.repo.ts': ['cooperativeMembers', 'listings', 'sellers', 'users'],
  'api/src/modules/payments/payments.repo.ts': ['fulfilments', 'orders', 'sellers', 'users'],
  'api/src/modules/search/search-outbox.repo.ts': [
    'certifications',
    'listingCertifications',
    'listingPhotos',
    'listings',
    'sellers',
  ],
  'api/src/modules/sellers/sellers.repo.ts': ['cooperativeMembers'],
};

describe('table ownership (docs/decisions/0016-layering.md, 0017)', () => {
  const uses = tableUses();
  const owners = new Map<string, Set<string>>();
  for (const use of uses)
    for (const w of use.writes) owners.set(w.table, (owners.get(w.table) ?? new Set()).add(use.owner));

  it('finds the writes it checks', () => {
    expect(owners.get('orders')).toEqual(new Set(['orders']));
    expect(owners.size).toBeGreaterThan(20);
  });

  it('each table is written by one module only', () => {
    const broken = [...owners].flatMap(([table, by]) =>
      by.size === 1
        ? []
        : [
            `${table} is written by ${[...by].join(', ')}: ${uses
              .flatMap((u) => u.writes.filter((w) => w.table === table).map((w) => `${u.file}:${w.line}`))
              .join(', ')}`,
          ],
    );
    expect(broken, broken.join('\n')).toEqual([]);
  });

  it("reads another module's table only where listed (go through the owner's index instead)", () => {
    const found: Record<string, string[]> = {};
    for (const use of uses) {
      const foreign = [...use.tables].filter((t) => owners.has(t) && !owners.get(t)?.has(use.owner)).sort();
      if (foreign.length > 0) found[use.file] = foreign;
    }
    expect(found).toEqual(CROSS_MODULE_READS);
  });
});

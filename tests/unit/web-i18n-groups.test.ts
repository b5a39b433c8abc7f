import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { messages as enCoop } from '../../web/src/lib/i18n/en/group-coop.ts';
import { messages as enOperator } from '../../web/src/lib/i18n/en/group-operator.ts';
import { messages as enSeller } from '../../web/src/lib/i18n/en/group-seller.ts';
import { messages as enStorefront } from '../../web/src/lib/i18n/en/group-storefront.ts';
import { messages as viCoop } from '../../web/src/lib/i18n/vi/group-coop.ts';
import { messages as viOperator } from '../../web/src/lib/i18n/vi/group-operator.ts';
import { messages as viSeller } from '../../web/src/lib/i18n/vi/group-seller.ts';
import { messages as viStorefront } from '../../web/src/lib/i18n/vi/group-storefront.ts';
import { vi } from '../../web/src/lib/i18n/vi/index.ts';

// Each route group downloads only its own catalogue (decision 25): the storefront's (loaded by the
// root layout, so every page has it) plus, under /ban-hang, /hop-tac-xa and /quan-tri, that group's.
// This test reads the source: every message key a group's files can use (its routes and every
// module they import, transitively) must be in the catalogues that group's pages have loaded, in
// both languages. A key used only by a seller page but kept in a storefront area would ship to every
// buyer; a key moved to the seller group but still used on a storefront page would show as its key.

type Group = 'storefront' | 'seller' | 'coop' | 'operator';
type Messages = Readonly<Record<string, string>>;

const web = fileURLToPath(new URL('../../web/src', import.meta.url));
const groups: Record<Group, { vi: Messages; en: Messages }> = {
  storefront: { vi: viStorefront, en: enStorefront },
  seller: { vi: viSeller, en: enSeller },
  coop: { vi: viCoop, en: enCoop },
  operator: { vi: viOperator, en: enOperator },
};

function routeGroup(file: string): Group {
  const route = path.relative(path.join(web, 'routes'), file).split(path.sep)[0];
  if (route === 'ban-hang') return 'seller';
  if (route === 'hop-tac-xa') return 'coop';
  if (route === 'quan-tri') return 'operator';
  return 'storefront';
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith('$lib/')
    ? path.join(web, 'lib', specifier.slice('$lib/'.length))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every source file (outside the catalogues) each group's pages run, with the groups it serves. */
function groupsOfFiles(): Map<string, Set<Group>> {
  const seen = new Map<string, Set<Group>>();
  const visit = (file: string, group: Group) => {
    if (file.includes(`${path.sep}i18n${path.sep}`) || !/\.(ts|svelte)$/.test(file)) return;
    const groupsOfFile = seen.get(file) ?? new Set<Group>();
    seen.set(file, groupsOfFile);
    if (groupsOfFile.has(group)) return;
    groupsOfFile.add(group);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const target = resolveImport(file, match[1] ?? '');
      if (target) visit(target, group);
    }
  };
  for (const file of filesUnder(path.join(web, 'routes'))) visit(file, routeGroup(file));
  // Error messages made by the server hooks show on storefront-chrome error pages.
  visit(path.join(web, 'hooks.server.ts'), 'storefront');
  return seen;
}

const allKeys = Object.keys(vi);

/** The keys a file names: quoted keys, and every key under a `prefix.${…}` template. */
function keysUsedIn(file: string): Set<string> {
  const source = readFileSync(file, 'utf8');
  const used = new Set<string>();
  for (const match of source.matchAll(/['"`]([\w.-]+)['"`]/g))
    if (Object.hasOwn(vi, match[1] ?? '')) used.add(match[1] ?? '');
  for (const match of source.matchAll(/`([\w.-]+\.)\$\{/g)) {
    for (const key of allKeys) if (key.startsWith(match[1] ?? '')) used.add(key);
  }
  return used;
}

const usage = new Map<Group, Set<string>>();
for (const [file, groupsOfFile] of groupsOfFiles()) {
  const used = keysUsedIn(file);
  for (const group of groupsOfFile) {
    const keys = usage.get(group) ?? new Set<string>();
    for (const key of used) keys.add(key);
    usage.set(group, keys);
  }
}

describe('message catalogues per route group', () => {
  it('finds the pages of every group (the scan itself works)', () => {
    for (const group of Object.keys(groups) as Group[]) expect(usage.get(group)?.size ?? 0).toBeGreaterThan(10);
    expect(usage.get('seller')).toContain('sell.title');
    expect(usage.get('storefront')).toContain('nav.home');
  });

  for (const group of Object.keys(groups) as Group[]) {
    for (const locale of ['vi', 'en'] as const) {
      it(`every key the ${group} pages use is in the catalogues they load (${locale})`, () => {
        const loaded = { ...groups.storefront[locale], ...groups[group][locale] };
        const missing = [...(usage.get(group) ?? [])].filter((key) => !Object.hasOwn(loaded, key));
        expect(missing).toEqual([]);
      });
    }
  }

  it('the storefront catalogue holds only what storefront pages use (nothing shipped to buyers for nothing)', () => {
    const used = usage.get('storefront') ?? new Set();
    expect(Object.keys(viStorefront).filter((key) => !used.has(key))).toEqual([]);
  });

  it('a group catalogue holds only what its own pages use', () => {
    for (const group of ['seller', 'coop', 'operator'] as const) {
      const used = usage.get(group) ?? new Set();
      expect(
        Object.keys(groups[group].vi).filter((key) => !used.has(key)),
        group,
      ).toEqual([]);
    }
  });

  it('English has exactly the Vietnamese keys, group by group', () => {
    for (const group of Object.keys(groups) as Group[]) {
      expect(Object.keys(groups[group].en).sort(), group).toEqual(Object.keys(groups[group].vi).sort());
    }
  });

  it('every key is in some group', () => {
    const grouped = new Set(Object.values(groups).flatMap((g) => Object.keys(g.vi)));
    expect(allKeys.filter((key) => !grouped.has(key))).toEqual([]);
  });
});

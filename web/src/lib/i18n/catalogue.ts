// Helpers for the message catalogues. Each area of the storefront (common, auth, sell, listing…)
// has one file per language, vi/<area>.ts and en/<area>.ts, so engineers adding pages edit their
// own files instead of one shared catalogue. vi is the source of truth for the keys.

type Catalogue = Readonly<Record<string, string>>;

/** The English of a Vietnamese area: exactly its keys (a missing or extra key is a compile error). */
export type Translation<Source extends Catalogue> = { readonly [Key in keyof Source]: string };

/** Names the keys two areas share, so the compile error says which. */
type NoSharedKeys<A, B> = [Extract<keyof A, keyof B>] extends [never]
  ? unknown
  : { 'duplicate message keys': Extract<keyof A, keyof B> };

type Builder<All extends Catalogue> = {
  /** One more area. A key it shares with an earlier area is a compile error naming the key. */
  add<Area extends Catalogue>(area: Area & NoSharedKeys<All, Area>): Builder<All & Area>;
  done(): All;
};

/**
 * Areas joined into one catalogue: `catalogue(common).add(home).add(auth).done()`. A key defined
 * twice is refused by the compiler and, should a cast get past it, at start-up, so one area never
 * silently overrides another's words.
 */
export function catalogue<First extends Catalogue>(first: First): Builder<First> {
  const build = <All extends Catalogue>(all: All): Builder<All> => ({
    add(area) {
      for (const key of Object.keys(area)) {
        if (Object.hasOwn(all, key)) throw new Error(`i18n: message key "${key}" is defined in two areas`);
      }
      return build({ ...all, ...area });
    },
    done: () => all,
  });
  return build(first);
}

type Joined<Groups extends readonly Catalogue[]> = Groups extends readonly [
  infer First,
  ...infer Rest extends readonly Catalogue[],
]
  ? First & Joined<Rest>
  : unknown;

/**
 * Every route group's catalogue in one (decision 25), for the server and the tests. An area two
 * groups both load (listing-status) brings the same words twice, which is allowed; a key with two
 * different texts in two groups is refused at start-up.
 */
export function joinGroups<const Groups extends readonly Catalogue[]>(...groups: Groups): Joined<Groups> {
  const all: Record<string, string> = {};
  for (const group of groups) {
    for (const [key, text] of Object.entries(group)) {
      if (Object.hasOwn(all, key) && all[key] !== text)
        throw new Error(`i18n: message key "${key}" differs between groups`);
      all[key] = text;
    }
  }
  return all as Joined<Groups>;
}

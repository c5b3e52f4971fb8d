// The Gateway API HTTPRoute semantics the routing test relies on, written from the spec (not from
// any implementation): PathPrefix matching by whole path elements, ReplacePrefixMatch rewriting,
// and weighted backend choice. Test code only.

/** `/foo/` and `/foo` are the same prefix: the trailing slash is ignored (but `/` stays `/`). */
export const normalizePrefix = (prefix: string): string => (prefix.length > 1 ? prefix.replace(/\/+$/, '') : prefix);

/** PathPrefix: `/abc` matches `/abc`, `/abc/` and `/abc/def`, never `/abcd`. */
export function matchesPrefix(path: string, prefix: string): boolean {
  const p = normalizePrefix(prefix);
  return p === '/' || path === p || path.startsWith(`${p}/`);
}

/**
 * ReplacePrefixMatch: the matched prefix (whole elements) is replaced; the rest of the path is
 * kept with exactly one `/` between them. Examples from the spec's table:
 *   /foo/bar, prefix /foo,  replace /xyz  -> /xyz/bar
 *   /foo/bar, prefix /foo/, replace /xyz/ -> /xyz/bar
 *   /foo/bar, prefix /foo,  replace /     -> /bar
 *   /foo,     prefix /foo,  replace /     -> /
 *   /foo/,    prefix /foo,  replace /xyz  -> /xyz/
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const p = normalizePrefix(prefix);
  const rest = p === '/' ? path : path.slice(p.length); // '' or '/...'
  const base = replacement === '' ? '/' : replacement;
  if (rest === '') return base;
  return base.endsWith('/') ? base + rest.slice(1) : base + rest;
}

export interface Weighted {
  readonly weight?: number;
}

/** Picks an index with probability weight/sum(weights); weight defaults to 1, 0 is never picked. */
export function pickWeighted(items: readonly Weighted[], random: () => number): number | undefined {
  const weights = items.map((i) => i.weight ?? 1);
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return undefined;
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    if (r < weights[i]!) return i;
    r -= weights[i]!;
  }
  return weights.findLastIndex((w) => w > 0);
}

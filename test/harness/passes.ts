// Multi-pass goldens: the final pass in full, plus one small row per pass saying what it composed
// (objects added and removed since the pass before), its conditions, and every other way it
// differs from the final pass, path by path. Each pass is fully determined by the final golden and
// its row, so a change to any composed object or condition in any pass still fails; reviewers read
// a few lines per pass instead of a whole response.
import { COMPOSITION_KEY } from '../../sim/fleet/world';
import { expectGolden } from './golden';

type Json = unknown;
type Obj = Record<string, Json>;

/** How to read one pass: its composed objects by key, its conditions, and everything else. */
export interface PassView {
  readonly objects: Readonly<Record<string, Json>>;
  readonly conditions: readonly Obj[];
  readonly rest: Json;
}

export interface PassRow {
  readonly pass: number;
  /** `+key` composed since the pass before, `-key` no longer composed. */
  readonly composed: string[];
  /** `Type=Status Reason: message`, plus any further fields in braces. */
  readonly conditions: string[];
  /** path -> this pass's value, for every leaf that differs from the final pass (`composed.<key>` for objects). */
  readonly 'differs from final': Record<string, Json>;
}

const ABSENT = '<absent>';
const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const segment = (k: string | number) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_][\w-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);

/** Every leaf where `a` differs from `b`, as path -> a's value (ABSENT where a lacks it). */
export function leafDiff(a: Json, b: Json, path = '', out: Record<string, Json> = {}): Record<string, Json> {
  if (a === undefined && b === undefined) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) leafDiff(i < a.length ? a[i] : undefined, i < b.length ? b[i] : undefined, path + segment(i), out);
    return out;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) leafDiff(a[k], b[k], path + segment(k), out);
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out[path.replace(/^\./, '') || '.'] = a === undefined ? ABSENT : a;
  return out;
}

const conditionLine = (c: Obj): string => {
  const { type, status, reason, message, ...extra } = c;
  const st = String(status).replace(/^STATUS_CONDITION_/, '');
  const more = Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : '';
  return `${type}=${st.charAt(0)}${st.slice(1).toLowerCase()} ${reason ?? ''}${message ? `: ${message}` : ''}${more}`;
};

/** One row per pass; the last row differs from the final pass in nothing by definition. */
export function passTable(views: readonly PassView[]): PassRow[] {
  const final = views.at(-1);
  if (!final) return [];
  let before: readonly string[] = [];
  return views.map((v, pass) => {
    const keys = Object.keys(v.objects);
    const composed = [...keys.filter((k) => !before.includes(k)).map((k) => `+${k}`), ...before.filter((k) => !keys.includes(k)).map((k) => `-${k}`)];
    before = keys;
    // Objects not composed yet are covered by `composed`; compare the rest with the final pass.
    const finalObjects = Object.fromEntries(keys.filter((k) => k in final.objects).map((k) => [k, final.objects[k]]));
    const differs = leafDiff(v.rest, final.rest, '', leafDiff(v.objects, finalObjects, 'composed'));
    return { pass, composed, conditions: v.conditions.map(conditionLine), 'differs from final': differs };
  });
}

/**
 * Compares a sequence of passes with test/golden/<name>.yaml: `passes` (the table) and `final`
 * (the last pass, whole, as `raw` gives it).
 */
export function expectGoldenPasses<P>(name: string, passes: readonly P[], view: (p: P) => PassView, raw: (p: P) => Json = (p) => p): void {
  if (passes.length === 0) throw new Error(`${name}: no passes`);
  expectGolden(name, { passes: passTable(passes.map(view)), final: raw(passes.at(-1)!) });
}

/** A RunFunctionResponse in the proto's JSON mapping: desired resources by key, response conditions. */
export function responseView(rsp: Obj): PassView {
  const desired = (rsp.desired ?? {}) as Obj;
  const resources = (desired.resources ?? {}) as Record<string, Json>;
  const { conditions = [], ...rest } = rsp;
  return { objects: resources, conditions: conditions as Obj[], rest: { ...rest, desired: { ...desired, resources: undefined } } };
}

/** `crossplane render` output: composed resources by composition-resource-name, the XR's conditions. */
export function renderView(out: { xr: Obj; resources: readonly Obj[]; results: readonly Obj[] }): PassView {
  const key = (r: Obj) => String(((r.metadata as Obj | undefined)?.annotations as Obj | undefined)?.[COMPOSITION_KEY]);
  const status = (out.xr.status ?? {}) as Obj;
  const { conditions = [], ...statusRest } = status;
  return {
    objects: Object.fromEntries(out.resources.map((r) => [key(r), r])),
    conditions: conditions as Obj[],
    rest: { xr: { ...out.xr, status: statusRest }, results: out.results },
  };
}

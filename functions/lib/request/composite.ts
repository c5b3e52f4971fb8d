// The one check every function makes first: is the observed composite a Modelplane kind this
// function composes, with the identity it needs? A miswired Composition, a wrong apiVersion or a
// malformed name gets the same Fatal answer from all five functions, naming what was received and
// what was expected — never a silent composition of the wrong kind or an internal TypeError.
import type { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { API_VERSION, KINDS, type FunctionName } from '../schema/registry';
import { observedComposite, type ObservedObject } from './request';

export type CompositeCheck =
  { readonly ok: true; readonly xr: ObservedObject; readonly kind: string; readonly name: string; readonly namespace: string } | { readonly ok: false; readonly message: string };

const describeValue = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'nothing' : `a ${Array.isArray(v) ? 'list' : typeof v}`);

/** `modelplane.ai/v1alpha1 InferenceGateway, ModelEndpoint or ModelService`. */
function expected(kinds: readonly string[]): string {
  const list = kinds.length === 1 ? kinds[0]! : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]!}`;
  return `${API_VERSION} ${list}`;
}

/** Checks the observed composite against the kinds the registry says `functionName` composes. */
export function checkComposite(req: RunFunctionRequest, functionName: FunctionName): CompositeCheck {
  const entries = KINDS.filter((k) => k.functionName === functionName);
  const kinds = entries.map((k) => k.kind);
  const fn = functionName.replace(/^modelplane-/, '');
  const xr = observedComposite(req);
  if (xr === undefined || xr === null || typeof xr !== 'object') {
    return { ok: false, message: `${fn} composes ${expected(kinds)}; the request has no observed composite resource` };
  }
  const { apiVersion, kind } = xr;
  if (apiVersion !== API_VERSION || typeof kind !== 'string' || !kinds.includes(kind)) {
    return { ok: false, message: `${fn} composes ${expected(kinds)}; got apiVersion ${describeValue(apiVersion)}, kind ${describeValue(kind)} (check the Composition's pipeline)` };
  }
  const meta = (xr.metadata ?? {}) as Record<string, unknown>;
  if (typeof meta.name !== 'string' || meta.name === '') {
    return { ok: false, message: `${fn}: the observed ${kind} needs a non-empty string metadata.name; got ${describeValue(meta.name)}` };
  }
  const namespaced = entries.find((k) => k.kind === kind)!.scope === 'Namespaced';
  if (namespaced && (typeof meta.namespace !== 'string' || meta.namespace === '')) {
    return { ok: false, message: `${fn}: the observed ${kind} ${meta.name} needs a non-empty string metadata.namespace; got ${describeValue(meta.namespace)}` };
  }
  return { ok: true, xr, kind, name: meta.name, namespace: namespaced ? (meta.namespace as string) : '' };
}

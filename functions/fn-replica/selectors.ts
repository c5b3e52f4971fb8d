// The DRA device selectors a ModelReplica carries are copied into ResourceClaimTemplates verbatim,
// and the template's name is a hash of its content: a selector the cluster would reject must never
// replace a running template. Each one is compiled and cost-checked here with the same library and
// limits fn-schedule uses (the Kubernetes DRA cost limit), so a bad one is reported by field.
import { compileSelector } from '../lib/cel';
import type { ReplicaEngine } from '../lib/schema';

/** One `spec.engines[i].members[j].deviceRequests[k].selectors[l].cel: <why>` per selector that does not compile. */
export function selectorIssues(engines: readonly ReplicaEngine[]): string[] {
  const issues: string[] = [];
  const compiled = new Map<string, string | undefined>();
  engines.forEach((engine, i) =>
    engine.members.forEach((member, j) =>
      (member.deviceRequests ?? []).forEach((request, k) =>
        request.selectors.forEach((selector, l) => {
          if (!compiled.has(selector.cel)) {
            const result = compileSelector(selector.cel);
            compiled.set(selector.cel, result.ok ? undefined : result.error);
          }
          const error = compiled.get(selector.cel);
          if (error !== undefined) issues.push(`spec.engines[${i}].members[${j}].deviceRequests[${k}].selectors[${l}].cel: ${error}`);
        }),
      ),
    ),
  );
  return issues;
}

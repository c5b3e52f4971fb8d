// The deployment's engines in the scheduler's terms, with every CEL selector compiled once.
// A selector that does not compile is reported with the field, engine, member and request it
// belongs to; the deployment is then not scheduled this pass (scheduling.md, "CEL selectors").
import { podsPerCopy } from '../lib/contracts';
import type { ModelDeploymentSpec } from '../lib/schema';
import type { CompiledSelectors } from './scheduler/devices';
import type { DeviceRequestSpec, EngineSpec, MemberSpec } from './scheduler/types';

export type CompiledEngines = { readonly ok: true; readonly engines: readonly EngineSpec[] } | { readonly ok: false; readonly errors: readonly string[] };

export function compileEngines(spec: Pick<ModelDeploymentSpec, 'engines'>, selectors: CompiledSelectors): CompiledEngines {
  const errors: string[] = [];
  const engines = spec.engines.map((engine, e): EngineSpec => ({
    name: engine.name,
    copies: engine.copies,
    members: engine.members.map((member, m): MemberSpec => ({
      role: member.role,
      pods: podsPerCopy(member),
      requests: member.nodeSelector?.devices.map((request, r): DeviceRequestSpec => {
        const programs: number[] = [];
        request.selectors.forEach((selector, s) => {
          const compiled = selectors.compile(selector.cel);
          if (compiled.ok) programs.push(compiled.id);
          else {
            const at = `spec.engines[${e}].members[${m}].nodeSelector.devices[${r}].selectors[${s}].cel`;
            errors.push(`${at} (engine ${engine.name}, ${member.role} member, request ${request.name}): ${compiled.error}`);
          }
        });
        const field = `spec.engines[${e}].members[${m}].nodeSelector.devices[${r}]`;
        return { name: request.name, count: request.count, selectors: request.selectors.map((s) => ({ cel: s.cel })), programs, field };
      }),
    })),
  }));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, engines };
}

// The serving-pod decoration shared by every topology. The user's template passes through
// verbatim (labels, annotations, env with valueFrom, resources, probes, ports, command, args,
// volumes, imagePullSecrets, serviceAccountName...); Modelplane only adds:
//   - its labels, the pool nodeSelector and the GPU toleration;
//   - a memory-backed /dev/shm (unless the user mounts one);
//   - for serving pods: the serving port and, unless the user has one, a readiness probe on the
//     engine's health path;
//   - the ModelCache claim at /mnt/models (read-only) and the engine's model flag per api.md;
//   - the DRA claim (pod resourceClaims + engine resources.claims);
//   - injected env, prepended so `$(VAR)` in the user's env and args can use it;
//   - sidecars (native: initContainers with restartPolicy Always).
import { GPU_TAINT, LABELS } from '../lib/k8s/labels';
import { MODEL_MOUNT_PATH } from '../lib/k8s/remote';
import type { PodTemplate } from '../lib/schema';
import { POD_CLAIM_NAME } from './claims';
import { addsModelFlag, modelFlag } from './engine-args';
import type { EngineProfile } from './engines';
import { asArray, asRecord, type EnvVar, type Manifest } from './manifest';

export const SHM_VOLUME = 'modelplane-shm';
export const MODELS_VOLUME = 'modelplane-models';
export const SERVING_PORT_NAME = 'http';

export interface PodDecoration {
  /** The inference server the engine container runs. */
  readonly engine: EngineProfile;
  /** The pool the scheduler chose: pods are pinned to its nodes. */
  readonly pool: string;
  /** Modelplane's labels, added over the user's. */
  readonly labels: Readonly<Record<string, string>>;
  /** Serving pods get the port and a readiness probe; gang workers do not serve. */
  readonly servingPort?: number;
  /** The ModelCache claim on the cluster, when the replica references a cache. */
  readonly cacheClaimName?: string;
  /** The member's ResourceClaimTemplate, when it claims devices. */
  readonly claimTemplateName?: string;
  /** Prepended to the engine container's env. */
  readonly env?: readonly EnvVar[];
  /** Native sidecars appended to initContainers. */
  readonly sidecars?: readonly Manifest[];
}

const withItems = (existing: unknown, added: readonly unknown[]): unknown[] | undefined => {
  const all = [...asArray(existing), ...added];
  return all.length > 0 ? all : undefined;
};

const sameToleration = (t: unknown): boolean => {
  const r = asRecord(t);
  return r.key === GPU_TAINT.key && r.operator === GPU_TAINT.operator && (r.effect === undefined || r.effect === GPU_TAINT.effect);
};

function readinessProbe(path: string, port: number): Manifest {
  return { httpGet: { path, port }, periodSeconds: 10, failureThreshold: 3 };
}

function servingPorts(existing: unknown, port: number): unknown[] {
  const ports = asArray(existing);
  if (ports.some((p) => asRecord(p).containerPort === port)) return ports;
  const nameTaken = ports.some((p) => asRecord(p).name === SERVING_PORT_NAME);
  return [...ports, { ...(nameTaken ? {} : { name: SERVING_PORT_NAME }), containerPort: port, protocol: 'TCP' }];
}

function engineContainer(container: Manifest, d: PodDecoration, mountShm: boolean): Manifest {
  const command = container.command as string[] | undefined;
  const args = container.args as string[] | undefined;
  const out: Record<string, unknown> = { ...container };
  if (addsModelFlag(d.engine, d.cacheClaimName !== undefined, command, args)) out.args = [...(args ?? []), modelFlag(d.engine)];
  const env = withItems(undefined, [...(d.env ?? []), ...asArray(container.env)]);
  if (env) out.env = env;
  if (d.servingPort !== undefined) {
    out.ports = servingPorts(container.ports, d.servingPort);
    out.readinessProbe = container.readinessProbe ?? readinessProbe(d.engine.healthPath, d.servingPort);
  }
  const mounts = [
    ...(mountShm ? [{ name: SHM_VOLUME, mountPath: '/dev/shm' }] : []),
    ...(d.cacheClaimName !== undefined ? [{ name: MODELS_VOLUME, mountPath: MODEL_MOUNT_PATH, readOnly: true }] : []),
  ];
  const volumeMounts = withItems(container.volumeMounts, mounts);
  if (volumeMounts) out.volumeMounts = volumeMounts;
  if (d.claimTemplateName !== undefined) {
    const resources = asRecord(container.resources);
    out.resources = { ...resources, claims: [...asArray(resources.claims), { name: POD_CLAIM_NAME }] };
  }
  return out;
}

/** A PodTemplateSpec: the member's template, decorated. */
export function servingPod(template: PodTemplate, d: PodDecoration): Manifest {
  const spec = asRecord(template.spec);
  const [container] = template.spec.containers;
  const engine = asRecord(container);
  const mountShm = !asArray(engine.volumeMounts).some((m) => asRecord(m).mountPath === '/dev/shm');

  const podSpec: Record<string, unknown> = { ...spec };
  podSpec.nodeSelector = { ...asRecord(spec.nodeSelector), [LABELS.pool]: d.pool };
  const tolerations = asArray(spec.tolerations);
  podSpec.tolerations = tolerations.some(sameToleration) ? tolerations : [...tolerations, { ...GPU_TAINT }];
  if (d.sidecars?.length) podSpec.initContainers = [...asArray(spec.initContainers), ...d.sidecars];
  podSpec.containers = [engineContainer(engine, d, mountShm)];
  const volumes = withItems(spec.volumes, [
    ...(mountShm ? [{ name: SHM_VOLUME, emptyDir: { medium: 'Memory' } }] : []),
    ...(d.cacheClaimName !== undefined ? [{ name: MODELS_VOLUME, persistentVolumeClaim: { claimName: d.cacheClaimName, readOnly: true } }] : []),
  ]);
  if (volumes) podSpec.volumes = volumes;
  if (d.claimTemplateName !== undefined) {
    podSpec.resourceClaims = [...asArray(spec.resourceClaims), { name: POD_CLAIM_NAME, resourceClaimTemplateName: d.claimTemplateName }];
  }

  const metadata: Record<string, unknown> = { labels: { ...(template.metadata?.labels ?? {}), ...d.labels } };
  if (template.metadata?.annotations && Object.keys(template.metadata.annotations).length > 0) {
    metadata.annotations = { ...template.metadata.annotations };
  }
  return { metadata, spec: podSpec };
}

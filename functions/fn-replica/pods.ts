// Observe-only Objects for the pods that tell why a replica does not start (docs/failures.md):
// the leader pod of each LeaderWorkerSet group, which LWS names `<lws>-<group>`. A Deployment's
// pods have generated names and cannot be read one by one through an Object; those replicas
// report the workload-level causes only. Composed only while the replica is not serving, for at
// most MAX_OBSERVED_GROUPS groups per engine, so a healthy fleet carries none of them.
import { isRecord } from '../lib/k8s/objects';
import type { Manifest } from './manifest';
import { KEYS, POD_OBSERVER_PREFIX } from './names';
import type { RemoteObject } from './object';

export const MAX_OBSERVED_GROUPS = 4;

const WORKLOAD_PREFIX = KEYS.workload('');

/** Observers are not part of the replica's own objects (applied, ready). */
export const isPodObserverKey = (key: string): boolean => key.startsWith(POD_OBSERVER_PREFIX);

export interface PodObserver {
  readonly key: string;
  readonly manifest: Manifest;
}

/** One observer per leader pod of the planned LeaderWorkerSets. */
export function leaderPodObservers(objects: readonly RemoteObject[]): PodObserver[] {
  return objects.flatMap((o) => {
    const m = o.manifest;
    if (m.kind !== 'LeaderWorkerSet' || !o.key.startsWith(WORKLOAD_PREFIX)) return [];
    const engine = o.key.slice(WORKLOAD_PREFIX.length);
    const spec = isRecord(m.spec) ? m.spec : {};
    const meta = isRecord(m.metadata) ? m.metadata : {};
    if (typeof meta.name !== 'string' || typeof meta.namespace !== 'string') return [];
    const { name, namespace } = meta;
    const groups = Math.min(typeof spec.replicas === 'number' ? spec.replicas : 1, MAX_OBSERVED_GROUPS);
    return Array.from({ length: groups }, (_, group) => ({
      key: KEYS.leaderPod(engine, group),
      manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-${group}`, namespace } },
    }));
  });
}

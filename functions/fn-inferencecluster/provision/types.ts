// What a cluster source (Existing or a cloud) contributes: its own resources, whether the cluster
// is reachable yet, where its kubeconfig is, and its ReadWriteMany storage class.
import type { ObservedObject } from '../../lib/request';
import type { KubeObject } from '../../lib/response';
import type { ClusterSource, InferenceClassSpec, InferenceClusterSpec, NodePool, SOURCES } from '../../lib/schema';
import type { SecretLookup } from '../inputs';
import type { Identity, KubeconfigRef } from '../providerconfigs';

/** A pool the source may provision: its class resolved, is valid and fits the cloud. */
export interface ProvisionablePool {
  readonly pool: NodePool;
  readonly cls: InferenceClassSpec;
}

export interface SourceInput {
  /** The InferenceCluster's name. */
  readonly name: string;
  readonly spec: InferenceClusterSpec;
  readonly pools: readonly ProvisionablePool[];
  /** Observed composed resources by key. */
  readonly observed: Readonly<Record<string, ObservedObject>>;
  /** The kubeconfig Secret, for source Existing. */
  readonly secret?: SecretLookup;
}

export interface SourceResult {
  /** Cloud resources by key (Existing: none). */
  readonly resources: Readonly<Record<string, KubeObject>>;
  /** The cluster exists and its kubeconfig can be read. */
  readonly reachable: boolean;
  /** Why not reachable yet (for ClusterReady). */
  readonly waiting?: string;
  readonly kubeconfig: KubeconfigRef;
  readonly identity?: Identity;
  /** The RWX storage class for model caches, once it exists. */
  readonly storageClassName?: string;
  /** Manifests to put on the cluster once provider configs exist (e.g. a StorageClass), by key. */
  readonly remote?: Readonly<Record<string, KubeObject>>;
  /** Extra Helm values per stack component (e.g. the GPU driver root on GKE nodes). */
  readonly draDriverValues?: Readonly<Record<string, unknown>>;
}

type ClusterBlock = InferenceClusterSpec['cluster'];
/** The spec block of a source, e.g. `spec.cluster.gke` for GKE. */
export type SourceBlock<S extends ClusterSource> = NonNullable<ClusterBlock[Extract<(typeof SOURCES)[number], { source: S }>['field']]>;
export type GkeCluster = SourceBlock<'GKE'>;
export type EksCluster = SourceBlock<'EKS'>;
export type AksCluster = SourceBlock<'AKS'>;

/** Turns a source's block into its resources and reachability. One per source, in provision/index.ts. */
export type SourceBuilder<S extends ClusterSource> = (block: SourceBlock<S>, input: SourceInput) => SourceResult;

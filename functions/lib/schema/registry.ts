// The eight Modelplane kinds: names, scope, printer columns, schemas and the function that
// composes each. XRDs (apis/), Compositions (compositions/) and docs are generated from this.
import type { z } from 'zod';
import { inferenceClassSpec, inferenceClassStatus } from './inferenceclass';
import { orList } from './blocks';
import { CLUSTER_SOURCES, inferenceClusterSpec, inferenceClusterStatus } from './inferencecluster';
import { inferenceGatewaySpec, inferenceGatewayStatus } from './inferencegateway';
import { modelCacheSpec, modelCacheStatus } from './modelcache';
import { modelDeploymentSpec, modelDeploymentStatus } from './modeldeployment';
import { modelEndpointSpec, modelEndpointStatus } from './modelendpoint';
import { modelReplicaSpec, modelReplicaStatus } from './modelreplica';
import { modelServiceSpec, modelServiceStatus } from './modelservice';

export const GROUP = 'modelplane.ai';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const CATEGORIES = ['crossplane', 'modelplane'] as const;

/**
 * The five composition functions, named as Crossplane names the Functions a Configuration depends
 * on: the package repository path `modelplane/fn-x` turned into a DNS label (`modelplane-fn-x`).
 */
export const FUNCTION_NAMES = {
  schedule: 'modelplane-fn-schedule',
  replica: 'modelplane-fn-replica',
  inferencecluster: 'modelplane-fn-inferencecluster',
  modelcache: 'modelplane-fn-modelcache',
  service: 'modelplane-fn-service',
} as const;
export type FunctionName = (typeof FUNCTION_NAMES)[keyof typeof FUNCTION_NAMES];

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  priority?: number;
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface KindEntry {
  group: typeof GROUP;
  version: typeof VERSION;
  kind: string;
  plural: string;
  singular: string;
  scope: 'Namespaced' | 'Cluster';
  shortNames: string[];
  categories: string[];
  description: string;
  /**
   * Columns besides NAME. Crossplane appends SYNCED, READY, COMPOSITION and AGE to every XR's CRD
   * itself, so they are not listed here, and no column here may reuse those names (`kubectl get`
   * would show two READY columns that mean different things).
   */
  printerColumns: PrinterColumn[];
  spec: z.ZodType;
  status: z.ZodType;
  scale?: ScaleSubresource;
  /** The Function that composes this kind (the Composition's only pipeline step). */
  functionName: FunctionName;
}

const base: Pick<KindEntry, 'group' | 'version' | 'categories'> = { group: GROUP, version: VERSION, categories: [...CATEGORIES] };

export const KINDS: readonly KindEntry[] = [
  {
    ...base,
    kind: 'ModelDeployment',
    plural: 'modeldeployments',
    singular: 'modeldeployment',
    scope: 'Namespaced',
    shortNames: ['md'],
    description: 'A model served by one or more replicas placed across the matching InferenceClusters.',
    printerColumns: [
      { name: 'REPLICAS', type: 'integer', jsonPath: '.spec.replicas', description: 'Desired replicas.' },
      { name: 'PLACED', type: 'integer', jsonPath: '.status.replicas.total', description: 'Replicas placed on a cluster (including any kept until replaced).' },
      { name: 'AVAILABLE', type: 'integer', jsonPath: '.status.replicas.ready', description: 'Replicas observed Ready.' },
    ],
    spec: modelDeploymentSpec,
    status: modelDeploymentStatus,
    scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas.total', labelSelectorPath: '.status.labelSelector' },
    functionName: FUNCTION_NAMES.schedule,
  },
  {
    ...base,
    kind: 'ModelReplica',
    plural: 'modelreplicas',
    singular: 'modelreplica',
    scope: 'Namespaced',
    shortNames: ['mr'],
    description: 'One replica of a ModelDeployment, pinned to one InferenceCluster. Written by Modelplane only.',
    printerColumns: [
      { name: 'CLUSTER', type: 'string', jsonPath: '.spec.clusterName', description: 'The InferenceCluster the replica runs on.' },
      { name: 'HEALTH', type: 'string', jsonPath: '.status.health.state', description: 'Progressing, Ready or Stuck.' },
      { name: 'CAUSE', type: 'string', jsonPath: '.status.health.cause', description: 'Why the replica is Stuck.' },
    ],
    spec: modelReplicaSpec,
    status: modelReplicaStatus,
    functionName: FUNCTION_NAMES.replica,
  },
  {
    ...base,
    kind: 'ModelEndpoint',
    plural: 'modelendpoints',
    singular: 'modelendpoint',
    scope: 'Namespaced',
    shortNames: ['me'],
    description: 'An OpenAI-compatible base URL ModelServices route to: a ready replica, or an external provider.',
    printerColumns: [{ name: 'URL', type: 'string', jsonPath: '.spec.url', description: 'OpenAI-compatible base URL.' }],
    spec: modelEndpointSpec,
    status: modelEndpointStatus,
    functionName: FUNCTION_NAMES.service,
  },
  {
    ...base,
    kind: 'ModelService',
    plural: 'modelservices',
    singular: 'modelservice',
    scope: 'Namespaced',
    shortNames: ['ms'],
    description: 'One address spreading traffic over weighted groups of ModelEndpoints.',
    printerColumns: [{ name: 'ADDRESS', type: 'string', jsonPath: '.status.address', description: 'OpenAI-compatible base URL.' }],
    spec: modelServiceSpec,
    status: modelServiceStatus,
    functionName: FUNCTION_NAMES.service,
  },
  {
    ...base,
    kind: 'ModelCache',
    plural: 'modelcaches',
    singular: 'modelcache',
    scope: 'Namespaced',
    shortNames: ['mc'],
    description: 'Model weights staged once per InferenceCluster on ReadWriteMany storage.',
    printerColumns: [
      { name: 'SOURCE', type: 'string', jsonPath: '.spec.source', description: 'HuggingFace or NGC.' },
      { name: 'CLUSTERS', type: 'string', jsonPath: '.status.summary.text', description: 'Ready clusters / matched clusters.' },
    ],
    spec: modelCacheSpec,
    status: modelCacheStatus,
    functionName: FUNCTION_NAMES.modelcache,
  },
  {
    ...base,
    kind: 'InferenceClass',
    plural: 'inferenceclasses',
    singular: 'inferenceclass',
    scope: 'Cluster',
    shortNames: ['icl'],
    description: 'A hardware recipe: the devices each node of a pool carries, and how to provision such pools.',
    printerColumns: [
      { name: 'PROVIDER', type: 'string', jsonPath: '.spec.provisioning.provider', description: 'Cloud that can provision this class.' },
      { name: 'DESCRIPTION', type: 'string', jsonPath: '.spec.description', description: 'Description.' },
    ],
    spec: inferenceClassSpec,
    status: inferenceClassStatus,
    functionName: FUNCTION_NAMES.inferencecluster,
  },
  {
    ...base,
    kind: 'InferenceCluster',
    plural: 'inferenceclusters',
    singular: 'inferencecluster',
    scope: 'Cluster',
    shortNames: ['ic'],
    description: 'A Kubernetes cluster of the inference fleet, brought or provisioned, with its GPU pools and serving stack.',
    printerColumns: [
      { name: 'SOURCE', type: 'string', jsonPath: '.spec.cluster.source', description: `${orList(CLUSTER_SOURCES)}.` },
      { name: 'GATEWAY', type: 'string', jsonPath: '.status.gateway.address', description: 'The cluster inference gateway address.' },
    ],
    spec: inferenceClusterSpec,
    status: inferenceClusterStatus,
    functionName: FUNCTION_NAMES.inferencecluster,
  },
  {
    ...base,
    kind: 'InferenceGateway',
    plural: 'inferencegateways',
    singular: 'inferencegateway',
    scope: 'Cluster',
    shortNames: ['ig'],
    description: 'The control-cluster gateway every ModelService address is built on (a singleton named default).',
    printerColumns: [{ name: 'ADDRESS', type: 'string', jsonPath: '.status.address', description: 'Gateway address (host[:port]).' }],
    spec: inferenceGatewaySpec,
    status: inferenceGatewayStatus,
    functionName: FUNCTION_NAMES.service,
  },
];

export function kindEntry(kind: string): KindEntry {
  const e = KINDS.find((k) => k.kind === kind);
  if (!e) throw new Error(`unknown kind ${kind}`);
  return e;
}

// What a cloud contributes to the API: the block an InferenceCluster of that source carries
// (`spec.cluster.<field>`) and the recipe an InferenceClass provisions its pools with
// (`spec.provisioning.<field>`). Each cloud is one file in this folder, registered in index.ts.
import { z } from 'zod';
import { int, objectName } from '../common';

export interface Cloud<S extends string, F extends string, C extends z.ZodType, R extends z.ZodType> {
  /** The value of `spec.cluster.source` and `spec.provisioning.provider`, e.g. GKE. */
  readonly source: S;
  /** The block's field name, e.g. gke. */
  readonly field: F;
  /** `spec.cluster.<field>` of an InferenceCluster. */
  readonly cluster: C;
  /** `spec.provisioning.<field>` of an InferenceClass. */
  readonly recipe: R;
}

export const cloud = <const S extends string, const F extends string, C extends z.ZodType, R extends z.ZodType>(c: Cloud<S, F, C, R>): Cloud<S, F, C, R> => c;

export const kubernetesVersion = () =>
  z
    .string()
    .min(1)
    .max(32)
    .regex(/^v?[0-9]+\.[0-9]+(\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$/, { message: 'must be a Kubernetes version, e.g. 1.34' });

/** Which ProviderConfig of the cloud's Crossplane provider family to use. */
export const cloudCredentials = z
  .object({
    kind: z.enum(['ClusterProviderConfig', 'ProviderConfig']).default('ClusterProviderConfig').describe('ClusterProviderConfig (default) or ProviderConfig.'),
    name: objectName().default('default').describe('Name of the provider config (default "default").'),
  })
  .describe('The cloud provider config the managed resources use.');

export const accelerator = z
  .object({
    type: z.string().min(1).max(128).describe("Accelerator type, e.g. nvidia-l4 (GKE) or the cloud's GPU name."),
    count: int(1, 16).describe('Accelerators per node.'),
  })
  .describe('The GPU attached to each node.');

export const diskSizeGb = () => int(10, 65536).default(100).describe('Boot disk size in GB (default 100).');

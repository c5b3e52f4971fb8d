// Google Kubernetes Engine.
import { z } from 'zod';
import { accelerator, cloud, cloudCredentials, diskSizeGb, kubernetesVersion } from './cloud';

export const gke = cloud({
  source: 'GKE',
  field: 'gke',
  cluster: z.object({
    project: z.string().min(1).max(64).optional().describe("GCP project; default: the provider config's."),
    region: z.string().min(1).max(64).describe('GCP region, e.g. us-central1.'),
    kubernetesVersion: kubernetesVersion().optional(),
    credentials: cloudCredentials.optional(),
  }),
  recipe: z.object({
    machineType: z.string().min(1).max(128).describe('GCE machine type, e.g. g2-standard-8.'),
    diskSizeGb: diskSizeGb(),
    accelerator: accelerator.optional(),
  }),
});

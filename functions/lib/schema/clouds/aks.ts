// Azure Kubernetes Service.
import { z } from 'zod';
import { accelerator, cloud, cloudCredentials, diskSizeGb, kubernetesVersion } from './cloud';

export const aks = cloud({
  source: 'AKS',
  field: 'aks',
  cluster: z.object({
    location: z.string().min(1).max(64).describe('Azure location, e.g. eastus.'),
    kubernetesVersion: kubernetesVersion().optional(),
    credentials: cloudCredentials.optional(),
  }),
  recipe: z.object({
    vmSize: z.string().min(1).max(128).describe('Azure VM size, e.g. Standard_ND96amsr_A100_v4.'),
    diskSizeGb: diskSizeGb(),
    accelerator: accelerator.optional(),
  }),
});

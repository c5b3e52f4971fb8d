// Amazon Elastic Kubernetes Service.
import { z } from 'zod';
import { accelerator, cloud, cloudCredentials, diskSizeGb, kubernetesVersion } from './cloud';

export const eks = cloud({
  source: 'EKS',
  field: 'eks',
  cluster: z.object({
    region: z.string().min(1).max(64).describe('AWS region, e.g. us-east-1.'),
    kubernetesVersion: kubernetesVersion().optional(),
    credentials: cloudCredentials.optional(),
  }),
  recipe: z.object({
    instanceType: z.string().min(1).max(128).describe('EC2 instance type, e.g. p4de.24xlarge.'),
    diskSizeGb: diskSizeGb(),
    accelerator: accelerator.optional(),
  }),
});

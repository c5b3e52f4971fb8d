// Devices as InferenceClasses publish them (api.md): NVIDIA A100, H100 and L4 nodes.
import type { ClassDevice } from '../../../functions/lib/cel';

const nvidia = (o: {
  productName: string;
  architecture: string;
  cc: string;
  driverVersion: string;
  index: number;
  uuid: string;
  pcieRoot: string;
  memory: string;
}): ClassDevice => ({
  name: 'gpu',
  claim: 'DRA',
  driver: 'gpu.nvidia.com',
  deviceClassName: 'gpu.nvidia.com',
  count: 8,
  attributes: {
    productName: { string: o.productName },
    architecture: { string: o.architecture },
    cudaComputeCapability: { version: o.cc },
    driverVersion: { version: o.driverVersion },
    index: { int: o.index },
    uuid: { string: o.uuid },
    'resource.kubernetes.io/pcieRoot': { string: o.pcieRoot },
  },
  capacity: { memory: { value: o.memory } },
});

export const A100 = nvidia({
  productName: 'NVIDIA A100-SXM4-80GB',
  architecture: 'Ampere',
  cc: '8.0.0',
  driverVersion: '550.54.15',
  index: 0,
  uuid: 'GPU-4a7d1c2e-0d5b-4b6f-9c11-2f0e8d7a6b51',
  pcieRoot: 'pci0000:00',
  memory: '80Gi',
});

export const H100 = nvidia({
  productName: 'NVIDIA H100 80GB HBM3',
  architecture: 'Hopper',
  cc: '9.0.0',
  driverVersion: '550.90.7',
  index: 1,
  uuid: 'GPU-9b0f3e41-7c2a-4e18-8d3f-5a6b7c8d9e0f',
  pcieRoot: 'pci0000:40',
  memory: '80Gi',
});

export const L4 = nvidia({
  productName: 'NVIDIA L4',
  architecture: 'Ada Lovelace',
  cc: '8.9.0',
  driverVersion: '535.161.8',
  index: 0,
  uuid: 'GPU-0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5',
  pcieRoot: 'pci0000:00',
  memory: '24Gi',
});

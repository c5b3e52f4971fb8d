// source: GKE — a VPC network and subnetwork (with pod and service ranges), a regional GKE
// cluster without its default pool and with the Filestore CSI driver (ReadWriteMany class
// `standard-rwx`), and one NodePool per provisionable pool. Namespaced Upbound GCP APIs
// (container.gcp.m.upbound.io, compute.gcp.m.upbound.io).
//
// Pool sizes are totals across zones (GKE's own nodeCount is per zone): total autoscaling bounds
// min..max, or nodeCount..nodeCount for a fixed pool. The GPU driver is GKE's (LATEST); GKE's
// default GPU device plugin is disabled by label so the NVIDIA DRA driver owns the GPUs.
import { GPU_TAINT, LABELS } from '../../lib/k8s/labels';
import type { KubeObject } from '../../lib/response';
import { cloudName, controlName, CONTROL_NAMESPACE, KEYS } from '../names';
import { composedReady } from '../../lib/delivery';
import { DEFAULT_CREDENTIALS, managed, ref } from './managed';
import type { GkeCluster, ProvisionablePool, SourceInput, SourceResult } from './types';

const CONTAINER = 'container.gcp.m.upbound.io/v1beta1';
const COMPUTE = 'compute.gcp.m.upbound.io/v1beta1';

export const GKE_KEYS = { network: 'network', subnetwork: 'subnetwork', cluster: 'cluster' } as const;
export const GKE_STORAGE_CLASS = 'standard-rwx';
/** Where GKE's driver installer puts the NVIDIA driver on the node (for the DRA driver chart). */
export const GKE_DRIVER_ROOT = '/home/kubernetes/bin/nvidia';

export const GKE_RANGES = { nodes: '10.0.0.0/20', pods: '10.4.0.0/14', services: '10.0.32.0/20' } as const;

function nodePool(name: string, gke: GkeCluster, p: ProvisionablePool, clusterMr: string, opts: Parameters<typeof managed>[5]): KubeObject {
  const recipe = p.cls.provisioning!.gke!;
  const min = p.pool.minNodeCount ?? p.pool.nodeCount;
  const max = p.pool.maxNodeCount ?? p.pool.nodeCount;
  const zones = p.pool.zones ?? [];
  const perZone = Math.ceil(p.pool.nodeCount / Math.max(zones.length, 1));
  return managed(
    CONTAINER,
    'NodePool',
    controlName(name, `pool-${p.pool.name}`),
    name,
    {
      location: gke.region,
      ...(gke.project ? { project: gke.project } : {}),
      clusterRef: ref(clusterMr),
      ...(zones.length > 0 ? { nodeLocations: [...zones] } : {}),
      initialNodeCount: perZone,
      autoscaling: { totalMinNodeCount: min, totalMaxNodeCount: Math.max(max, 1), locationPolicy: 'ANY' },
      management: { autoRepair: true, autoUpgrade: true },
      nodeConfig: {
        machineType: recipe.machineType,
        diskSizeGb: recipe.diskSizeGb,
        ...(recipe.accelerator
          ? { guestAccelerator: [{ type: recipe.accelerator.type, count: recipe.accelerator.count, gpuDriverInstallationConfig: { gpuDriverVersion: 'LATEST' } }] }
          : {}),
        labels: { [LABELS.pool]: p.pool.name, 'gke-no-default-nvidia-gpu-device-plugin': 'true', 'nvidia.com/gpu.present': 'true' },
        taint: [{ key: GPU_TAINT.key, value: 'present', effect: 'NO_SCHEDULE' }],
        oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      },
    },
    { ...opts, externalName: p.pool.name },
  );
}

export function gkeSource(gke: GkeCluster, input: SourceInput): SourceResult {
  const { name } = input;
  const opts = { credentials: gke.credentials ?? DEFAULT_CREDENTIALS };
  const project = gke.project ? { project: gke.project } : {};
  const networkMr = controlName(name, 'network');
  const subnetMr = controlName(name, 'subnetwork');
  const clusterMr = controlName(name, 'gke');
  const kubeconfig = controlName(name, 'kubeconfig');
  const resources: Record<string, KubeObject> = {
    [GKE_KEYS.network]: managed(COMPUTE, 'Network', networkMr, name, { ...project, autoCreateSubnetworks: false }, { ...opts, externalName: cloudName(`${name}-net`, 63) }),
    [GKE_KEYS.subnetwork]: managed(
      COMPUTE,
      'Subnetwork',
      subnetMr,
      name,
      {
        ...project,
        region: gke.region,
        networkRef: ref(networkMr),
        ipCidrRange: GKE_RANGES.nodes,
        privateIpGoogleAccess: true,
        secondaryIpRange: [
          { rangeName: 'pods', ipCidrRange: GKE_RANGES.pods },
          { rangeName: 'services', ipCidrRange: GKE_RANGES.services },
        ],
      },
      { ...opts, externalName: cloudName(`${name}-subnet`, 63) },
    ),
    [GKE_KEYS.cluster]: managed(
      CONTAINER,
      'Cluster',
      clusterMr,
      name,
      {
        ...project,
        location: gke.region,
        ...(gke.kubernetesVersion ? { minMasterVersion: gke.kubernetesVersion } : {}),
        networkRef: ref(networkMr),
        subnetworkRef: ref(subnetMr),
        ipAllocationPolicy: { clusterSecondaryRangeName: 'pods', servicesSecondaryRangeName: 'services' },
        removeDefaultNodePool: true,
        initialNodeCount: 1,
        deletionProtection: false,
        addonsConfig: { gcpFilestoreCsiDriverConfig: { enabled: true } },
      },
      { ...opts, externalName: cloudName(name, 40), connectionSecret: kubeconfig },
    ),
  };
  for (const p of input.pools) resources[KEYS.nodePool(p.pool.name)] = nodePool(name, gke, p, clusterMr, opts);
  const reachable = composedReady(input.observed[GKE_KEYS.cluster]);
  return {
    resources,
    reachable,
    ...(reachable ? {} : { waiting: `GKE cluster ${clusterMr} is not ready yet` }),
    kubeconfig: { name: kubeconfig, namespace: CONTROL_NAMESPACE, key: 'kubeconfig' },
    identity: { type: 'GoogleApplicationCredentials', source: 'InjectedIdentity' },
    ...(reachable ? { storageClassName: GKE_STORAGE_CLASS } : {}),
    draDriverValues: { nvidiaDriverRoot: GKE_DRIVER_ROOT },
  };
}

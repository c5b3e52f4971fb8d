// source: AKS — a resource group, a virtual network and node subnet, the AKS cluster (system
// pool, Azure CNI overlay, Azure Files CSI driver: ReadWriteMany class `azurefile-csi`) writing
// its kubeconfig as connection secret, and one KubernetesClusterNodePool per provisionable pool
// (AKS-installed GPU driver, GPU taint, pool label). Namespaced Upbound Azure APIs
// (*.azure.m.upbound.io).
//
// AKS Linux pool names are at most 12 lower-case letters and digits: a pool whose name does not
// fit gets `<letters of its name, up to 7><5 hex of its hash>`.
import { GPU_TAINT, LABELS } from '../../lib/k8s/labels';
import { sha256Hex } from '../../lib/k8s/names';
import type { KubeObject } from '../../lib/response';
import { cloudName, clusterLabels, controlName, CONTROL_NAMESPACE, KEYS } from '../names';
import { composedReady } from '../../lib/delivery';
import { DEFAULT_CREDENTIALS, managed, ref, type ManagedOptions } from './managed';
import type { AksCluster, SourceInput, SourceResult } from './types';

const CS = 'containerservice.azure.m.upbound.io/v1beta1';
const NET = 'network.azure.m.upbound.io/v1beta1';
const AZ = 'azure.m.upbound.io/v1beta1';

export const AKS_KEYS = { resourceGroup: 'resource-group', network: 'vnet', subnet: 'subnet', cluster: 'cluster' } as const;
export const AKS_STORAGE_CLASS = 'azurefile-csi';
export const AKS_SYSTEM_POOL = { name: 'system', vmSize: 'Standard_D4s_v5', nodeCount: 1 } as const;

export function aksPoolName(pool: string): string {
  if (/^[a-z][a-z0-9]{0,11}$/.test(pool)) return pool;
  const letters = pool
    .replace(/[^a-z0-9]/g, '')
    .replace(/^[0-9]+/, '')
    .slice(0, 7);
  return `${letters || 'p'}${sha256Hex(pool).slice(0, 5)}`;
}

export function aksSource(aks: AksCluster, input: SourceInput): SourceResult {
  const { name } = input;
  const opts: ManagedOptions = { credentials: aks.credentials ?? DEFAULT_CREDENTIALS };
  const n = (part: string) => controlName(name, part);
  const tags = clusterLabels(name);
  const location = { location: aks.location };
  const resources: Record<string, KubeObject> = {
    [AKS_KEYS.resourceGroup]: managed(AZ, 'ResourceGroup', n('rg'), name, { ...location, tags }, { ...opts, externalName: cloudName(`${name}-modelplane`, 90) }),
    [AKS_KEYS.network]: managed(
      NET,
      'VirtualNetwork',
      n('vnet'),
      name,
      { ...location, resourceGroupNameRef: ref(n('rg')), addressSpace: ['10.224.0.0/12'], tags },
      { ...opts, externalName: cloudName(`${name}-vnet`, 64) },
    ),
    [AKS_KEYS.subnet]: managed(
      NET,
      'Subnet',
      n('subnet'),
      name,
      { resourceGroupNameRef: ref(n('rg')), virtualNetworkNameRef: ref(n('vnet')), addressPrefixes: ['10.224.0.0/16'] },
      { ...opts, externalName: 'nodes' },
    ),
    [AKS_KEYS.cluster]: managed(
      CS,
      'KubernetesCluster',
      n('aks'),
      name,
      {
        ...location,
        resourceGroupNameRef: ref(n('rg')),
        dnsPrefix: cloudName(name, 54),
        ...(aks.kubernetesVersion ? { kubernetesVersion: aks.kubernetesVersion } : {}),
        identity: { type: 'SystemAssigned' },
        defaultNodePool: { ...AKS_SYSTEM_POOL, vnetSubnetIdRef: ref(n('subnet')), onlyCriticalAddonsEnabled: true },
        networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', loadBalancerSku: 'standard' },
        storageProfile: { fileDriverEnabled: true, diskDriverEnabled: true },
        tags,
      },
      { ...opts, externalName: cloudName(name, 63), connectionSecret: n('kubeconfig') },
    ),
  };
  for (const p of input.pools) {
    const recipe = p.cls.provisioning!.aks!;
    const autoscale = p.pool.minNodeCount !== undefined || p.pool.maxNodeCount !== undefined;
    resources[KEYS.nodePool(p.pool.name)] = managed(
      CS,
      'KubernetesClusterNodePool',
      n(`pool-${p.pool.name}`),
      name,
      {
        kubernetesClusterIdRef: ref(n('aks')),
        mode: 'User',
        vmSize: recipe.vmSize,
        osDiskSizeGb: recipe.diskSizeGb,
        nodeCount: p.pool.nodeCount,
        ...(autoscale ? { autoScalingEnabled: true, minCount: p.pool.minNodeCount ?? p.pool.nodeCount, maxCount: p.pool.maxNodeCount ?? p.pool.nodeCount } : {}),
        ...(p.pool.zones?.length ? { zones: [...p.pool.zones] } : {}),
        vnetSubnetIdRef: ref(n('subnet')),
        gpuDriver: 'Install',
        nodeLabels: { [LABELS.pool]: p.pool.name },
        nodeTaints: [`${GPU_TAINT.key}=present:${GPU_TAINT.effect}`],
        tags,
      },
      { ...opts, externalName: aksPoolName(p.pool.name) },
    );
  }
  const reachable = composedReady(input.observed[AKS_KEYS.cluster]);
  return {
    resources,
    reachable,
    ...(reachable ? {} : { waiting: `AKS cluster ${n('aks')} is not ready yet` }),
    kubeconfig: { name: n('kubeconfig'), namespace: CONTROL_NAMESPACE, key: 'kubeconfig' },
    ...(reachable ? { storageClassName: AKS_STORAGE_CLASS } : {}),
  };
}

// source: EKS — a VPC with one public subnet per zone (the pools' zones, at least two: EKS needs
// two), internet gateway and routes; IAM roles for the control plane and the nodes; the EKS
// cluster, a ClusterAuth that writes a refreshing kubeconfig, and one managed NodeGroup per
// provisionable pool (NVIDIA AMI, GPU taint, pool label). ReadWriteMany storage: an EFS file
// system with a mount target per subnet, the EFS CSI add-on, and, once the file system id is
// known, a StorageClass on the cluster. Namespaced Upbound AWS APIs (*.aws.m.upbound.io).
//
// The accelerator of an EKS recipe is implied by its instance type; accelerator.type/count are
// informational here.
import { GPU_TAINT, LABELS } from '../../lib/k8s/labels';
import type { KubeObject } from '../../lib/response';
import { cloudName, clusterLabels, controlName, CONTROL_NAMESPACE, KEYS, REMOTE_PREFIX } from '../names';
import { composedReady } from '../../lib/delivery';
import { atProvider, DEFAULT_CREDENTIALS, managed, ref, type ManagedOptions } from './managed';
import type { EksCluster, ProvisionablePool, SourceInput, SourceResult } from './types';

const V = 'v1beta1';
const EC2 = `ec2.aws.m.upbound.io/${V}`;
const IAM = `iam.aws.m.upbound.io/${V}`;
const EKS = `eks.aws.m.upbound.io/${V}`;
const EFS = `efs.aws.m.upbound.io/${V}`;

export const EKS_KEYS = {
  vpc: 'vpc',
  internetGateway: 'internet-gateway',
  routeTable: 'route-table',
  defaultRoute: 'default-route',
  subnet: (zone: string) => `subnet-${zone}`,
  routeAssociation: (zone: string) => `route-association-${zone}`,
  clusterRole: 'cluster-role',
  clusterRolePolicy: 'cluster-role-policy',
  nodeRole: 'node-role',
  nodeRolePolicy: (policy: string) => `node-role-${policy}`,
  cluster: 'cluster',
  clusterAuth: 'cluster-auth',
  fileSystem: 'efs',
  efsSecurityGroup: 'efs-security-group',
  efsIngress: 'efs-ingress',
  mountTarget: (zone: string) => `efs-mount-${zone}`,
  efsAddon: 'efs-csi-addon',
  storageClass: 'storageclass',
} as const;

export const EKS_STORAGE_CLASS = 'modelplane-efs';
export const EKS_VPC_CIDR = '10.0.0.0/16';
const AMI = 'AL2023_x86_64_NVIDIA';

const NODE_POLICIES: Record<string, string> = {
  worker: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
  cni: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
  ecr: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
  efs: 'arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy',
};

const assume = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

/** The pools' zones, sorted; padded with the region's a/b zones to the two EKS requires. */
export function eksZones(region: string, pools: readonly ProvisionablePool[]): string[] {
  const zones = new Set(pools.flatMap((p) => p.pool.zones ?? []));
  for (const suffix of ['a', 'b']) if (zones.size < 2) zones.add(`${region}${suffix}`);
  return [...zones].sort().slice(0, 16);
}

export function eksSource(eks: EksCluster, input: SourceInput): SourceResult {
  const { name } = input;
  const opts: ManagedOptions = { credentials: eks.credentials ?? DEFAULT_CREDENTIALS };
  const region = { region: eks.region };
  const n = (part: string) => controlName(name, part);
  const tags = clusterLabels(name);
  const zones = eksZones(eks.region, input.pools);
  const r: Record<string, KubeObject> = {};
  const add = (key: string, apiVersion: string, kind: string, part: string, forProvider: Record<string, unknown>, o: ManagedOptions = opts) => {
    r[key] = managed(apiVersion, kind, n(part), name, forProvider, o);
  };

  add(EKS_KEYS.vpc, EC2, 'VPC', 'vpc', { ...region, cidrBlock: EKS_VPC_CIDR, enableDnsHostnames: true, enableDnsSupport: true, tags });
  add(EKS_KEYS.internetGateway, EC2, 'InternetGateway', 'igw', { ...region, vpcIdRef: ref(n('vpc')), tags });
  add(EKS_KEYS.routeTable, EC2, 'RouteTable', 'routes', { ...region, vpcIdRef: ref(n('vpc')), tags });
  add(EKS_KEYS.defaultRoute, EC2, 'Route', 'default-route', { ...region, routeTableIdRef: ref(n('routes')), destinationCidrBlock: '0.0.0.0/0', gatewayIdRef: ref(n('igw')) });
  zones.forEach((zone, i) => {
    add(EKS_KEYS.subnet(zone), EC2, 'Subnet', `subnet-${zone}`, {
      ...region,
      availabilityZone: zone,
      cidrBlock: `10.0.${i * 16}.0/20`,
      vpcIdRef: ref(n('vpc')),
      mapPublicIpOnLaunch: true,
      tags: { ...tags, 'kubernetes.io/role/elb': '1' },
    });
    add(EKS_KEYS.routeAssociation(zone), EC2, 'RouteTableAssociation', `rta-${zone}`, { ...region, routeTableIdRef: ref(n('routes')), subnetIdRef: ref(n(`subnet-${zone}`)) });
  });

  add(EKS_KEYS.clusterRole, IAM, 'Role', 'eks-cluster', { assumeRolePolicy: assume('eks.amazonaws.com'), tags }, { ...opts, externalName: cloudName(`${name}-eks-cluster`, 64) });
  add(EKS_KEYS.clusterRolePolicy, IAM, 'RolePolicyAttachment', 'eks-cluster-policy', {
    policyArn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    roleRef: ref(n('eks-cluster')),
  });
  add(EKS_KEYS.nodeRole, IAM, 'Role', 'eks-node', { assumeRolePolicy: assume('ec2.amazonaws.com'), tags }, { ...opts, externalName: cloudName(`${name}-eks-node`, 64) });
  for (const [policy, arn] of Object.entries(NODE_POLICIES)) {
    add(EKS_KEYS.nodeRolePolicy(policy), IAM, 'RolePolicyAttachment', `eks-node-${policy}`, { policyArn: arn, roleRef: ref(n('eks-node')) });
  }

  const subnetRefs = (zs: readonly string[]) => zs.map((z) => ref(n(`subnet-${z}`)));
  add(
    EKS_KEYS.cluster,
    EKS,
    'Cluster',
    'eks',
    {
      ...region,
      ...(eks.kubernetesVersion ? { version: eks.kubernetesVersion } : {}),
      roleArnRef: ref(n('eks-cluster')),
      vpcConfig: { subnetIdRefs: subnetRefs(zones), endpointPublicAccess: true, endpointPrivateAccess: true },
      accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
      tags,
    },
    { ...opts, externalName: cloudName(name, 100) },
  );
  add(EKS_KEYS.clusterAuth, EKS, 'ClusterAuth', 'eks-auth', { ...region, clusterNameRef: ref(n('eks')) }, { ...opts, connectionSecret: n('kubeconfig') });

  for (const p of input.pools) {
    const recipe = p.cls.provisioning!.eks!;
    const min = p.pool.minNodeCount ?? p.pool.nodeCount;
    const max = Math.max(p.pool.maxNodeCount ?? p.pool.nodeCount, 1);
    add(
      KEYS.nodePool(p.pool.name),
      EKS,
      'NodeGroup',
      `pool-${p.pool.name}`,
      {
        ...region,
        clusterNameRef: ref(n('eks')),
        nodeRoleArnRef: ref(n('eks-node')),
        subnetIdRefs: subnetRefs(p.pool.zones?.length ? [...p.pool.zones].sort() : zones),
        instanceTypes: [recipe.instanceType],
        amiType: AMI,
        diskSize: recipe.diskSizeGb,
        scalingConfig: { desiredSize: Math.min(Math.max(p.pool.nodeCount, min), max), minSize: min, maxSize: max },
        labels: { [LABELS.pool]: p.pool.name },
        taint: [{ key: GPU_TAINT.key, value: 'present', effect: 'NO_SCHEDULE' }],
        tags,
      },
      { ...opts, externalName: p.pool.name },
    );
  }

  add(EKS_KEYS.fileSystem, EFS, 'FileSystem', 'efs', { ...region, encrypted: true, performanceMode: 'generalPurpose', throughputMode: 'elastic', tags });
  add(EKS_KEYS.efsSecurityGroup, EC2, 'SecurityGroup', 'efs-sg', { ...region, vpcIdRef: ref(n('vpc')), description: 'NFS from the cluster VPC to EFS', tags });
  add(EKS_KEYS.efsIngress, EC2, 'SecurityGroupIngressRule', 'efs-nfs', {
    ...region,
    securityGroupIdRef: ref(n('efs-sg')),
    cidrIpv4: EKS_VPC_CIDR,
    ipProtocol: 'tcp',
    fromPort: 2049,
    toPort: 2049,
  });
  for (const zone of zones) {
    add(EKS_KEYS.mountTarget(zone), EFS, 'MountTarget', `efs-${zone}`, {
      ...region,
      fileSystemIdRef: ref(n('efs')),
      subnetIdRef: ref(n(`subnet-${zone}`)),
      securityGroupsRefs: [ref(n('efs-sg'))],
    });
  }
  add(EKS_KEYS.efsAddon, EKS, 'Addon', 'efs-csi', { ...region, addonName: 'aws-efs-csi-driver', clusterNameRef: ref(n('eks')) });

  const reachable = composedReady(input.observed[EKS_KEYS.cluster]) && composedReady(input.observed[EKS_KEYS.clusterAuth]);
  const fileSystemId = atProvider(input.observed[EKS_KEYS.fileSystem], 'id');
  const remote: Record<string, KubeObject> = fileSystemId
    ? {
        [EKS_KEYS.storageClass]: {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'StorageClass',
          metadata: { name: EKS_STORAGE_CLASS },
          provisioner: 'efs.csi.aws.com',
          parameters: { provisioningMode: 'efs-ap', fileSystemId, directoryPerms: '700' },
          reclaimPolicy: 'Delete',
          volumeBindingMode: 'Immediate',
        },
      }
    : {};
  const storageReady = composedReady(input.observed[`${REMOTE_PREFIX}${EKS_KEYS.storageClass}`]);
  return {
    resources: r,
    reachable,
    ...(reachable ? {} : { waiting: `EKS cluster ${n('eks')} and its kubeconfig are not ready yet` }),
    kubeconfig: { name: n('kubeconfig'), namespace: CONTROL_NAMESPACE, key: 'kubeconfig' },
    ...(storageReady ? { storageClassName: EKS_STORAGE_CLASS } : {}),
    remote,
  };
}

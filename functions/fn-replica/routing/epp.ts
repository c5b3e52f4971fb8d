// The replica's llm-d endpoint picker (EPP): a Deployment watching the replica's InferencePool and
// its pods, its plugin ConfigMap and the Service the InferencePool points at. It runs as the shared
// ServiceAccount fn-inferencecluster creates in the workload namespace (read-only Role on pods,
// InferencePools and the objective/rewrite objects there): every replica's picker needs the same
// namespace-wide reads, so per-replica RBAC would grant nothing less.
import { READINESS } from '../../lib/delivery';
import { ENDPOINT_PICKER_SERVICE_ACCOUNT } from '../../lib/k8s/remote';
import type { Manifest } from '../manifest';
import { KEYS } from '../names';
import type { RemoteObject } from '../object';
import { remoteMeta } from '../topology/common';
import { EPP_CONFIG_FILE, pickerConfigText } from './epp-config';
import { EPP_EXT_PROC_PORT, INFERENCE_POOL_GROUP } from './constants';

export const EPP_IMAGE_REPOSITORY = 'ghcr.io/llm-d/llm-d-router-endpoint-picker';
export const EPP_HEALTH_PORT = 9003;
export const EPP_METRICS_PORT = 9090;
const CONFIG_MOUNT = '/config';

export interface PickerInput {
  /** Name of every picker object (Deployment, Service, ConfigMap). */
  readonly name: string;
  readonly poolName: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** llm-d router image tag, from the cluster's stack. */
  readonly version: string;
  readonly config: Record<string, unknown>;
}

const selectorLabels = (name: string) => ({ 'app.kubernetes.io/name': 'llm-d-endpoint-picker', 'app.kubernetes.io/instance': name });

function pickerDeployment(p: PickerInput): Manifest {
  const selector = selectorLabels(p.name);
  const grpcHealth = { grpc: { port: EPP_HEALTH_PORT, service: 'inference-extension' } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: remoteMeta(p.name, { ...p.labels, ...selector }),
    spec: {
      replicas: 1,
      // One active picker holds the prefix-cache state; replace it rather than run two.
      strategy: { type: 'Recreate' },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...p.labels, ...selector } },
        spec: {
          serviceAccountName: ENDPOINT_PICKER_SERVICE_ACCOUNT,
          terminationGracePeriodSeconds: 130,
          containers: [
            {
              name: 'epp',
              image: `${EPP_IMAGE_REPOSITORY}:${p.version}`,
              args: [
                '--pool-name',
                p.poolName,
                '--pool-namespace',
                p.namespace,
                '--pool-group',
                INFERENCE_POOL_GROUP,
                '--config-file',
                `${CONFIG_MOUNT}/${EPP_CONFIG_FILE}`,
                '--grpc-health-port',
                String(EPP_HEALTH_PORT),
                '--metrics-endpoint-auth=false',
                '--tracing=false',
              ],
              ports: [
                { name: 'grpc', containerPort: EPP_EXT_PROC_PORT, protocol: 'TCP' },
                { name: 'grpc-health', containerPort: EPP_HEALTH_PORT, protocol: 'TCP' },
                { name: 'metrics', containerPort: EPP_METRICS_PORT, protocol: 'TCP' },
              ],
              env: [
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              ],
              livenessProbe: { ...grpcHealth, initialDelaySeconds: 5, periodSeconds: 10 },
              readinessProbe: { ...grpcHealth, periodSeconds: 2 },
              resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '4Gi' } },
              volumeMounts: [{ name: 'plugins-config', mountPath: CONFIG_MOUNT }],
            },
          ],
          volumes: [{ name: 'plugins-config', configMap: { name: p.name } }],
        },
      },
    },
  };
}

function pickerService(p: PickerInput): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: remoteMeta(p.name, p.labels),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(p.name),
      ports: [
        { name: 'grpc-ext-proc', protocol: 'TCP', port: EPP_EXT_PROC_PORT, appProtocol: 'kubernetes.io/h2c' },
        { name: 'http-metrics', protocol: 'TCP', port: EPP_METRICS_PORT },
      ],
    },
  };
}

export function endpointPicker(p: PickerInput): RemoteObject[] {
  const configMap: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: remoteMeta(p.name, p.labels),
    data: { [EPP_CONFIG_FILE]: pickerConfigText(p.config) },
  };
  return [
    { key: KEYS.pickerConfig, manifest: configMap, readiness: READINESS.created },
    { key: KEYS.pickerDeployment, manifest: pickerDeployment(p), readiness: READINESS.available },
    { key: KEYS.pickerService, manifest: pickerService(p), readiness: READINESS.created },
  ];
}

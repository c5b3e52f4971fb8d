// The Envoy Gateway / Envoy AI Gateway pieces agree with each other and with what fn-replica
// routes to: the extension server Envoy Gateway calls is the AI Gateway controller's Service, the
// backend kind it hands over is fn-replica's InferencePool, and the RBAC names Envoy Gateway's
// account.
import { describe, expect, it } from 'vitest';
import {
  AI_GATEWAY_EXTENSION_PORT,
  ENVOY_GATEWAY_SERVICE_ACCOUNT,
  envoyAIGatewayController,
  envoyAIGatewayCrds,
  envoyGatewayPoolReader,
  envoyGatewayRelease,
} from '../../../functions/fn-inferencecluster/stack/envoy';
import { STACK_KEYS } from '../../../functions/fn-inferencecluster/stack/keys';
import { httpRoute } from '../../../functions/fn-replica/routing/http-route';
import { INFERENCE_POOL_API_VERSION } from '../../../functions/fn-replica/routing/inference-pool';
import { parseInferenceClusterSpec, STACK_VERSIONS, type StackSpec } from '../../../functions/lib/schema';

type Obj = Record<string, any>;

function stackOf(stack: Obj = {}): StackSpec {
  const parsed = parseInferenceClusterSpec({
    cluster: { source: 'Existing', existing: { secretRef: { name: 's', key: 'k' } } },
    nodePools: [{ name: 'l4', className: 'byo-l4', nodeCount: 1 }],
    stack,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value.stack;
}

const stack = stackOf();
const forProvider = (o: Obj): Obj => o.spec.forProvider;
const eg = forProvider(envoyGatewayRelease('edge', stack));
const aigw = forProvider(envoyAIGatewayController('edge', stack));
const manager = eg.values.config.envoyGateway.extensionManager;

describe('Envoy Gateway and Envoy AI Gateway agree', () => {
  it.each([
    {
      name: "the extension server is the AI Gateway controller's Service",
      got: manager.service.fqdn,
      want: { hostname: `${aigw.values.controller.fullnameOverride}.${aigw.namespace}.svc.cluster.local`, port: AI_GATEWAY_EXTENSION_PORT },
    },
    { name: "the AI Gateway is told Envoy Gateway's namespace", got: aigw.values.envoyGateway.namespace, want: eg.namespace },
    {
      name: "the backend kind is fn-replica's InferencePool (group and version)",
      got: manager.backendResources.map((r: Obj) => `${r.group}/${r.version}/${r.kind}`),
      want: [`${INFERENCE_POOL_API_VERSION}/InferencePool`],
    },
    {
      name: "fn-replica's route backend is that kind",
      got: (httpRoute({ name: 'p', namespace: 'n', labels: {} }, { namespace: 'team', name: 'r' }, 'p') as Obj).spec.rules[0].backendRefs.map((b: Obj) => `${b.group}/${b.kind}`),
      want: manager.backendResources.map((r: Obj) => `${r.group}/${r.kind}`),
    },
    {
      name: "the InferencePool reader binds Envoy Gateway's account in its namespace",
      got: forProvider(envoyGatewayPoolReader('edge')[STACK_KEYS.envoyGatewayPoolReaderBinding]!).manifest.subjects,
      want: [{ kind: 'ServiceAccount', name: ENVOY_GATEWAY_SERVICE_ACCOUNT, namespace: eg.namespace }],
    },
    {
      name: 'the reader may read InferencePools of that group',
      got: forProvider(envoyGatewayPoolReader('edge')[STACK_KEYS.envoyGatewayPoolReader]!).manifest.rules,
      want: [{ apiGroups: [manager.backendResources[0].group], resources: ['inferencepools'], verbs: ['get', 'list', 'watch'] }],
    },
  ])('$name', ({ got, want }) => {
    expect(got).toEqual(want);
  });
});

describe('chart versions', () => {
  const chart = (o: Obj) => `${forProvider(o).chart.name}@${forProvider(o).chart.version}`;
  it.each([
    {
      name: 'defaults',
      stack: {},
      want: [`gateway-helm@${STACK_VERSIONS.envoyGateway}`, `ai-gateway-crds-helm@${STACK_VERSIONS.envoyAIGateway}`, `ai-gateway-helm@${STACK_VERSIONS.envoyAIGateway}`],
    },
    {
      name: 'the AI Gateway overridden, both its charts follow',
      stack: { envoyAIGateway: { version: 'v1.2.0' } },
      want: [`gateway-helm@${STACK_VERSIONS.envoyGateway}`, 'ai-gateway-crds-helm@v1.2.0', 'ai-gateway-helm@v1.2.0'],
    },
  ])('$name', ({ stack: s, want }) => {
    const spec = stackOf(s);
    expect([envoyGatewayRelease('edge', spec), envoyAIGatewayCrds('edge', spec), envoyAIGatewayController('edge', spec)].map(chart)).toEqual(want);
  });
});

// Filter: no new replica on a cluster with a NoSchedule (cordon) or NoExecute (drain) taint the
// deployment does not tolerate (Kubernetes toleration semantics).
import { untoleratedTaints } from '../../../lib/k8s/tolerations';
import type { ClusterFilter } from '../framework';

export const taintToleration: ClusterFilter = {
  name: 'TaintToleration',
  filter: ({ cluster, deployment }) => {
    const taints = untoleratedTaints(cluster.taints, deployment.tolerations, ['NoSchedule', 'NoExecute']);
    return taints.length > 0 ? { code: 'UntoleratedTaint', cluster: cluster.name, taints } : undefined;
  },
};

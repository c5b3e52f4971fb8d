// Scorer: balance a deployment across clusters. The cluster with the fewest replicas of this
// deployment ranks first, so replicas go round-robin over the clusters that fit (ties go to the
// cluster name that sorts first). Scale down mirrors it: the most loaded cluster gives up one first.
import type { ClusterScorer } from '../framework';

export const spread: ClusterScorer = {
  name: 'Spread',
  score: ({ load }) => load,
  describe: (load) => `${load} replica${load === 1 ? '' : 's'}`,
};

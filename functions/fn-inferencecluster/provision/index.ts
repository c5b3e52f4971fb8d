// The one list of what provisions each cluster source. The schema's registry
// (functions/lib/schema/clouds) names the sources; this map must cover every one of them, so a
// cloud added there does not compile until its builder is registered here.
import { SOURCES, type ClusterSource } from '../../lib/schema';
import { aksSource } from './aks';
import { eksSource } from './eks';
import { existingSource } from './existing';
import { gkeSource } from './gke';
import type { SourceBlock, SourceBuilder, SourceInput, SourceResult } from './types';

export const SOURCE_BUILDERS: { readonly [S in ClusterSource]: SourceBuilder<S> } = {
  Existing: existingSource,
  GKE: gkeSource,
  EKS: eksSource,
  AKS: aksSource,
};

/** Runs the builder of the cluster's source on its block (spec validation made sure it is set). */
export function provision(input: SourceInput): SourceResult {
  const cluster = input.spec.cluster;
  const { field } = SOURCES.find((s) => s.source === cluster.source)!;
  const build = SOURCE_BUILDERS[cluster.source] as SourceBuilder<ClusterSource>;
  return build(cluster[field] as SourceBlock<ClusterSource>, input);
}

// The fleet as a picture: one self-contained HTML page (inline SVG and CSS, no scripts, no external
// assets) with every cluster, its pools and their nodes (used ones coloured by the deployment that
// holds them), where each replica sits, and every ModelService's endpoints and weights.
import { nodesHeld } from './invariants';
import type { Obj, World } from './world';

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const PALETTE = ['#2f6fdf', '#e0782a', '#2a9d63', '#b04fc4', '#c9414b', '#7a8b23', '#1c9bb0', '#8c5a2b'];
const NODE = 18;
const GAP = 4;
const ready = (o: Obj) => (o.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
const deploymentOf = (r: Obj) => `${r.metadata.namespace}/${r.metadata.labels?.['modelplane.ai/deployment']}`;

interface PoolView {
  readonly name: string;
  readonly label: string;
  readonly nodes: number;
  /** One entry per used node: the deployment that holds it. */
  readonly used: string[];
  readonly replicas: string[];
  /** What each node carries, e.g. `8 gpu + 8 ib`. */
  readonly perNode: string;
}

function poolsOf(world: World, cluster: Obj): PoolView[] {
  const replicas = world.ofKind('ModelReplica').filter((r) => r.spec?.clusterName === cluster.metadata.name);
  return (cluster.status?.gpuPools ?? []).map((p: Obj) => {
    const used: string[] = [];
    const here: string[] = [];
    for (const r of replicas) {
      const n = nodesHeld(r).get(p.name) ?? 0;
      for (let i = 0; i < n; i++) used.push(deploymentOf(r));
      if (n > 0) here.push(`${deploymentOf(r)} #${r.metadata.labels?.['modelplane.ai/replica-index']}`);
    }
    const product = p.devices?.[0]?.attributes?.productName?.string ?? p.devices?.[0]?.name ?? '';
    const perNode = (p.devices ?? []).map((d: Obj) => `${d.count ?? 1} ${d.name}`).join(' + ');
    return { name: p.name, label: `${p.name} (${product})`, nodes: p.nodes, used, replicas: here.sort(), perNode };
  });
}

function clusterSvg(world: World, cluster: Obj, colour: (d: string) => string): string {
  const pools = poolsOf(world, cluster);
  // No text measurement without a browser: about 7.5 px per character of the 13 px labels.
  const labelOf = (p: PoolView) => `${p.label}: ${p.used.length} of ${p.nodes} nodes used · ${p.perNode} per node`;
  const width = Math.ceil(Math.max(320, ...pools.map((p) => Math.max(24 + p.nodes * (NODE + GAP), 24 + labelOf(p).length * 7.5))));
  const rows = pools.map((p, i) => {
    const y = 56 + i * 64;
    const nodes = Array.from({ length: p.nodes }, (_, n) => {
      const holder = p.used[n];
      const fill = holder ? colour(holder) : '#ffffff';
      return `<rect data-node="${holder ? 'used' : 'free'}" x="${12 + n * (NODE + GAP)}" y="${y + 18}" width="${NODE}" height="${NODE}" rx="3" fill="${fill}" stroke="#55606e"><title>${esc(holder ?? 'free')}</title></rect>`;
    });
    return [
      `<g data-pool="${esc(p.name)}">`,
      `<text x="12" y="${y + 12}" class="pool">${esc(labelOf(p))}</text>`,
      ...nodes,
      `<text x="12" y="${y + 52}" class="replicas">${esc(p.replicas.join(', ') || 'no replicas')}</text>`,
      '</g>',
    ].join('');
  });
  const height = 64 + pools.length * 64;
  const state = ready(cluster) ? 'Ready' : 'not Ready';
  return [
    `<svg data-cluster="${esc(cluster.metadata.name)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="cluster ${esc(cluster.metadata.name)}">`,
    `<rect x="1" y="1" width="${width - 2}" height="${height - 2}" rx="8" fill="${ready(cluster) ? '#f4f8fc' : '#fbf1f1'}" stroke="#9aa7b5"/>`,
    `<text x="12" y="22" class="cluster">${esc(cluster.metadata.name)}</text>`,
    `<text x="12" y="40" class="meta">${esc(cluster.spec?.cluster?.source ?? '')} · ${state} · gateway ${esc(cluster.status?.gateway?.address ?? '-')}</text>`,
    ...rows,
    '</svg>',
  ].join('\n');
}

function servicesHtml(world: World): string {
  const endpoints = new Map(world.ofKind('ModelEndpoint').map((e) => [e.status?.routing?.backendName ?? `me-${e.metadata.name}`, e]));
  const rows = world.ofKind('ModelService').flatMap((s) => {
    const route = world.all().find((o) => o.kind === 'HTTPRoute' && o.metadata?.namespace === s.metadata.namespace && o.metadata?.labels?.['crossplane.io/composite'] === s.metadata.name);
    const backends: Obj[] = (route?.spec?.rules ?? []).flatMap((r: Obj) => r.backendRefs ?? []);
    const total = backends.reduce((n, b) => n + (b.weight ?? 1), 0);
    return backends.map(
      (b, i) =>
        `<tr data-service="${esc(s.metadata.name)}" data-backend="${esc(b.name)}" data-weight="${b.weight ?? 1}">${i === 0 ? `<td rowspan="${backends.length}">${esc(`${s.metadata.namespace}/${s.metadata.name}`)}<br><small>${esc(s.status?.address ?? '-')}</small></td>` : ''}<td>${esc(endpoints.get(b.name)?.spec?.url ?? b.name)}</td><td>${b.weight ?? 1} (${Math.round(((b.weight ?? 1) / total) * 100)}%)</td></tr>`,
    );
  });
  if (rows.length === 0) return '<p>No ModelService routes yet.</p>';
  return `<table><thead><tr><th>Service</th><th>Endpoint</th><th>Weight</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The page for one moment of the fleet; `title` and `caption` say which. */
export function fleetMap(world: World, title: string, caption: string): string {
  const deployments = [...new Set(world.ofKind('ModelReplica').map(deploymentOf))].sort();
  const colour = (d: string) => PALETTE[deployments.indexOf(d) % PALETTE.length]!;
  const legend = deployments.map((d) => `<li data-deployment="${esc(d)}"><span class="swatch" style="background:${colour(d)}"></span>${esc(d)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1d2430}
.clusters{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
text{font-family:system-ui,sans-serif;fill:#1d2430}.cluster{font-size:16px;font-weight:600}.meta,.replicas{font-size:12px;fill:#55606e}.pool{font-size:13px}
.legend{list-style:none;padding:0;display:flex;gap:16px}.swatch{display:inline-block;width:12px;height:12px;margin-right:6px;border-radius:2px;vertical-align:-1px}
table{border-collapse:collapse;margin-top:8px}td,th{border:1px solid #c8d0da;padding:4px 8px;text-align:left;vertical-align:top}
</style></head><body>
<h1>${esc(title)}</h1><p>${esc(caption)}</p>
<h2>Clusters and pools</h2>
<ul class="legend">${legend || '<li>No replicas yet.</li>'}</ul>
<div class="clusters">${world.ofKind('InferenceCluster').map((c) => clusterSvg(world, c, colour)).join('\n') || '<p>No clusters yet.</p>'}</div>
<h2>Services</h2>
${servicesHtml(world)}
<p><small>A simulated fleet: functions, Compositions and crossplane render are real; providers, clusters and addresses are made up.</small></p>
</body></html>
`;
}

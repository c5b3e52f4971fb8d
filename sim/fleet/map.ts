// The fleet as a picture: one self-contained HTML page (inline SVG and CSS, no scripts, no external
// assets) with every cluster, its pools and their nodes (each filled by the devices in use, coloured
// by the deployment holding them, packed as the scheduler packs them), where each replica sits, and
// every ModelService's endpoints and weights.
import { packFleet, productOf, type PackedPool } from './packing';
import type { Obj, World } from './world';

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const PALETTE = ['#2f6fdf', '#e0782a', '#2a9d63', '#b04fc4', '#c9414b', '#7a8b23', '#1c9bb0', '#8c5a2b'];
const NODE = 18;
const GAP = 4;
const ready = (o: Obj) => (o.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
const deploymentOf = (r: Obj) => `${r.metadata.namespace}/${r.metadata.labels?.['modelplane.ai/deployment']}`;

interface NodeView {
  /** Devices in use and in all (1 and 1 under node accounting). */
  readonly used: number;
  readonly total: number;
  /** Replicas holding devices here, `namespace/deployment #index`. */
  readonly holders: string[];
}

interface PoolView {
  readonly name: string;
  readonly label: string;
  readonly nodes: NodeView[];
  readonly replicas: string[];
  /** What each node carries, e.g. `8 gpu + 8 ib`. */
  readonly perNode: string;
}

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

function nodesOf(packed: PackedPool | undefined): NodeView[] {
  if (!packed) return [];
  const total = sum(packed.shape.perNode ?? [1]);
  return packed.bins.freePerNode().map((free, n) => ({ used: total - sum(free), total, holders: packed.holders[n] ?? [] }));
}

function poolsOf(cluster: Obj, packed: ReadonlyMap<string, PackedPool> | undefined): PoolView[] {
  return (cluster.status?.gpuPools ?? []).map((p: Obj) => {
    const pool = packed?.get(p.name);
    const nodes = nodesOf(pool);
    const product = productOf(pool);
    const perNode = (pool?.devices ?? []).map((d) => `${d.count || 1} ${d.name}`).join(' + ');
    const replicas = [...new Set(nodes.flatMap((n) => n.holders))].sort();
    return { name: p.name, label: `${p.name} (${product})`, nodes, replicas, perNode };
  });
}

/** `namespace/deployment #3` -> `namespace/deployment`. */
const holderDeployment = (holder: string) => holder.replace(/ #\S*$/, '');

function clusterSvg(cluster: Obj, packed: ReadonlyMap<string, PackedPool> | undefined, colour: (d: string) => string): string {
  const pools = poolsOf(cluster, packed);
  // No text measurement without a browser: about 7.5 px per character of the 13 px labels.
  const labelOf = (p: PoolView) =>
    `${p.label}: ${sum(p.nodes.map((n) => n.used))} of ${sum(p.nodes.map((n) => n.total))} devices used on ${p.nodes.filter((n) => n.used > 0).length} of ${p.nodes.length} nodes · ${p.perNode} per node`;
  const width = Math.ceil(Math.max(320, ...pools.map((p) => Math.max(24 + p.nodes.length * (NODE + GAP), 24 + labelOf(p).length * 7.5))));
  const rows = pools.map((p, i) => {
    const y = 56 + i * 64;
    const nodes = p.nodes.map((node, n) => {
      const x = 12 + n * (NODE + GAP);
      // The node's box, filled from the bottom by the share of its devices in use.
      const h = node.total > 0 ? Math.round((NODE * node.used) / node.total) : 0;
      const fill = node.holders[0] ? colour(holderDeployment(node.holders[0])) : '#ffffff';
      const title = node.used > 0 ? `${node.used} of ${node.total} devices: ${node.holders.join(', ')}` : `free (${node.total} devices)`;
      return [
        `<g data-node="${node.used > 0 ? 'used' : 'free'}" data-devices-used="${node.used}" data-devices="${node.total}"><title>${esc(title)}</title>`,
        `<rect x="${x}" y="${y + 18}" width="${NODE}" height="${NODE}" rx="3" fill="#ffffff" stroke="#55606e"/>`,
        h > 0 ? `<rect x="${x}" y="${y + 18 + NODE - h}" width="${NODE}" height="${h}" rx="3" fill="${fill}"/>` : '',
        '</g>',
      ].join('');
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
    const route = world
      .all()
      .find((o) => o.kind === 'HTTPRoute' && o.metadata?.namespace === s.metadata.namespace && o.metadata?.labels?.['crossplane.io/composite'] === s.metadata.name);
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
  const packed = packFleet(world);
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
<div class="clusters">${
    world
      .ofKind('InferenceCluster')
      .map((c) => clusterSvg(c, packed.get(c.metadata.name), colour))
      .join('\n') || '<p>No clusters yet.</p>'
  }</div>
<h2>Services</h2>
${servicesHtml(world)}
<p><small>A simulated fleet: functions, Compositions and crossplane render are real; providers, clusters and addresses are made up.</small></p>
</body></html>
`;
}

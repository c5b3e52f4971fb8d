// Name formulas. Names of composed objects must be valid DNS labels (<= 63 chars) and remote
// names must be unique per inference cluster across all control-plane namespaces.
import { createHash } from 'node:crypto';

export const MAX_DNS_LABEL = 63;

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Cut to `max` characters without leaving a trailing '-' (or '.') behind. */
export function truncateName(name: string, max: number): string {
  return name.slice(0, max).replace(/[-.]+$/, '');
}

/**
 * A ModelReplica's name: `<deployment cut to 57>-<5 hex of sha256("<deployment>-<cluster>-<index>")>`.
 * Identity lives in the labels; the hash only keeps names unique and stable.
 */
export function replicaName(deployment: string, cluster: string, index: number): string {
  const suffix = sha256Hex(`${deployment}-${cluster}-${index}`).slice(0, 5);
  return `${truncateName(deployment, 57)}-${suffix}`;
}

/**
 * A DNS-label name unique across namespaces: `<readable prefix>-<hash of every part>`. Two
 * `qwen` deployments in two namespaces yield two names on the same cluster.
 */
export function uniqueName(parts: readonly string[], max = MAX_DNS_LABEL): string {
  const hash = sha256Hex(parts.join('/')).slice(0, 8);
  const readable = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '');
  const prefix = truncateName(readable, max - hash.length - 1);
  return prefix ? `${prefix}-${hash}` : hash;
}

// Unpacks a docker-archive image tarball (what scripts/package/build-images.sh writes) into a root
// filesystem, layer by layer, and returns the image's config — what a container runtime would do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ImageConfig {
  readonly Entrypoint: string[];
  readonly Env: string[];
  readonly User: string;
  readonly WorkingDir: string;
  readonly ExposedPorts?: Record<string, object>;
  readonly Labels?: Record<string, string>;
}

export interface UnpackedImage {
  readonly rootfs: string;
  readonly config: ImageConfig;
  /** Compressed layer bytes: what a registry stores and a node pulls. */
  readonly compressedBytes: number;
}

export function unpackImage(tarball: string, dir: string): UnpackedImage {
  const archive = join(dir, 'archive');
  const rootfs = join(dir, 'rootfs');
  mkdirSync(archive, { recursive: true });
  mkdirSync(rootfs, { recursive: true });
  execFileSync('tar', ['-xf', tarball, '-C', archive]);
  const [manifest] = JSON.parse(readFileSync(join(archive, 'manifest.json'), 'utf8')) as { Config: string; Layers: string[] }[];
  if (!manifest) throw new Error(`${tarball}: manifest.json lists no image`);
  let compressedBytes = 0;
  for (const layer of manifest.Layers) {
    compressedBytes += readFileSync(join(archive, layer)).length;
    // As root, tar keeps the layer's owners and modes, as a container runtime does.
    execFileSync('tar', ['-xzf', join(archive, layer), '-C', rootfs, '--same-owner', '--numeric-owner']);
  }
  const config = JSON.parse(readFileSync(join(archive, manifest.Config), 'utf8')).config as ImageConfig;
  return { rootfs, config, compressedBytes };
}

// What a ModelCache stages, independent of where it comes from: an identity (written into the
// volume's completion marker and into status), the Job's environment, and the token to copy.
import { sha256Hex } from '../../lib/k8s/names';

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export interface AuthSecretRef {
  readonly name: string;
  readonly key: string;
  /** Where the reference lives in the spec, for messages (e.g. spec.huggingFace.authSecret). */
  readonly field: string;
  /** The env var the Job reads the token from, and the key of the copied Secret. */
  readonly envName: string;
}

export interface Artifact {
  /** `huggingface:<repo>@<revision>` or `ngc:<resource>`: equal ids mean equal bytes on the volume. */
  readonly id: string;
  /** 8 hex chars of sha256(id): part of names that must change when the artifact does. */
  readonly digest: string;
  /** Plain (non-secret) environment of the hydration script. */
  readonly env: readonly EnvVar[];
  readonly authSecret?: AuthSecretRef;
}

export const artifactDigest = (id: string): string => sha256Hex(id).slice(0, 8);

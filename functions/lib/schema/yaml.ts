// One YAML rendering for every generated manifest, so the generator and the drift test agree
// byte for byte.
import { stringify } from 'yaml';
import { GENERATED_HEADER } from './xrd';

export function renderYaml(object: unknown): string {
  return GENERATED_HEADER + stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });
}

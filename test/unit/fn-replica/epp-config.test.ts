// The picker configuration must be internally consistent: every pluginRef, decider and profile it
// names is declared. llm-d's loader rejects the configuration otherwise.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { pickerConfigText, prefillDecodePickerConfig, unifiedPickerConfig } from '../../../functions/fn-replica/routing/epp-config';

type Json = Record<string, any>;
const declared = (c: Json) => new Set((c.plugins as Json[]).map((p) => p.name ?? p.type));
const referenced = (c: Json) => [
  ...(c.schedulingProfiles as Json[]).flatMap((p) => (p.plugins as Json[]).map((r) => r.pluginRef)),
  ...(c.plugins as Json[]).flatMap((p) => Object.values(p.parameters?.deciders ?? {})),
];

describe('endpoint picker configuration', () => {
  it.each([
    { name: 'Unified', config: unifiedPickerConfig(), profiles: ['default'], handler: 'single-profile-handler' },
    { name: 'PrefillDecode', config: prefillDecodePickerConfig(), profiles: ['prefill', 'decode'], handler: 'disagg-profile-handler' },
  ])('$name', ({ config, profiles, handler }) => {
    const text = parse(pickerConfigText(config)) as Json;
    expect(text).toEqual(config);
    expect(text).toMatchObject({ apiVersion: 'llm-d.ai/v1alpha1', kind: 'EndpointPickerConfig' });
    expect(referenced(text).filter((r) => !declared(text).has(r))).toEqual([]);
    expect((text.schedulingProfiles as Json[]).map((p) => p.name)).toEqual(profiles);
    expect((text.plugins as Json[]).filter((p) => p.type.endsWith('profile-handler')).map((p) => p.type)).toEqual([handler]);
  });

  it('writes plain YAML without anchors', () => {
    expect(pickerConfigText(prefillDecodePickerConfig())).not.toMatch(/[&*]a\d/);
  });
});

// InferenceClass: validated, never composes anything. Whole responses per row.
import { describe, expect, it } from 'vitest';
import { Ready, Severity, Status } from '@crossplane-org/function-sdk-typescript';
import { compose } from '../../../functions/fn-inferencecluster/compose';
import { REASON, CONDITION } from '../../../functions/fn-inferencecluster/conditions';
import { CLASSES, classObj, request } from '../../fixtures/fn-inferencecluster';

type Obj = Record<string, any>;
const gpu = CLASSES['nvidia-l4']!.devices[0];
const withDevice = (d: Obj) => ({ ...CLASSES['nvidia-l4'], devices: [{ ...gpu, ...d }] });

const cases = [
  { name: 'valid class', spec: CLASSES['nvidia-l4'], want: { status: 'True', reason: REASON.accepted, message: '1 device per node' } },
  { name: 'bring-your-own class', spec: CLASSES['byo-l4'], want: { status: 'True', reason: REASON.accepted, message: '1 device per node' } },
  {
    name: 'capacity not a quantity',
    spec: withDevice({ capacity: { memory: { value: '80 GB' } } }),
    want: { status: 'False', reason: REASON.invalidDevices, message: /^spec\.devices\[0\]\.capacity\.memory\.value: / },
  },
  {
    name: 'version attribute not semver',
    spec: withDevice({ attributes: { driverVersion: { version: '570' } } }),
    want: { status: 'False', reason: REASON.invalidDevices, message: /spec\.devices\[0\]\.attributes\.driverVersion\.version/ },
  },
  {
    name: 'attribute key not a qualified name',
    spec: withDevice({ attributes: { 'bad key!': { string: 'x' } } }),
    want: { status: 'False', reason: REASON.invalidDevices, message: /spec\.devices\[0\]\.attributes/ },
  },
  {
    name: 'DRA device without a device class',
    spec: withDevice({ deviceClassName: undefined }),
    want: { status: 'False', reason: REASON.invalidDevices, message: /spec\.devices\[0\]\.deviceClassName: deviceClassName is required when claim is DRA/ },
  },
  {
    name: 'Synthetic device needs no device class',
    spec: withDevice({ claim: 'Synthetic', deviceClassName: undefined }),
    want: { status: 'True', reason: REASON.accepted, message: '1 device per node' },
  },
  {
    name: 'provisioning without its recipe',
    spec: { ...CLASSES['nvidia-l4'], provisioning: { provider: 'EKS' } },
    want: { status: 'False', reason: REASON.invalidSpec, message: /spec\.provisioning\.eks: provider EKS needs eks/ },
  },
];

describe('InferenceClass', () => {
  it.each(cases)('$name', ({ spec, want }) => {
    const rsp = compose(request({ xr: classObj('c', JSON.parse(JSON.stringify(spec))) }));
    expect(rsp.desired?.resources).toEqual({});
    expect(rsp.conditions).toHaveLength(1);
    const c = rsp.conditions[0]!;
    expect(c.type).toBe(CONDITION.accepted);
    expect(c.status).toBe(want.status === 'True' ? Status.STATUS_CONDITION_TRUE : Status.STATUS_CONDITION_FALSE);
    expect(c.reason).toBe(want.reason);
    expect(c.message).toMatch(want.message);
    expect(rsp.desired?.composite?.ready).toBe(want.status === 'True' ? Ready.READY_TRUE : Ready.READY_FALSE);
    const warnings = (rsp.results ?? []).filter((r) => r.severity === Severity.SEVERITY_WARNING);
    expect(warnings.map((w) => [w.reason, w.message])).toEqual(want.status === 'True' ? [] : [[want.reason, c.message]]);
  });

  it('answers a kind it does not compose with a fatal result', () => {
    const rsp = compose(request({ xr: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelCache', metadata: { name: 'x' } } }));
    expect(rsp.results?.map((r) => r.severity)).toEqual([Severity.SEVERITY_FATAL]);
  });
});

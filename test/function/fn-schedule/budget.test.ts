// spec.replicas ModelReplicas must fit one response: Crossplane refuses function responses over
// 4 MiB, which would fail every reconcile of the deployment. fn-schedule caps what it places by the
// size of a replica of this spec, reports the cap in ReplicasScheduled (TooManyReplicas, naming the
// limit and the fields to change), and never drops a composed replica to make room.
import { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { replicaCap } from '../../../functions/fn-schedule/budget';
import { compose } from '../../../functions/fn-schedule/compose';
import { REASON, CONDITION } from '../../../functions/fn-schedule/conditions';
import { CROSSPLANE_MAX_RESPONSE_BYTES } from '../../../functions/lib/response';
import { clusterObj, deploymentSpec, deploymentXr, engine, observedReplicas, replicaObj, request, standalone, view } from '../../fixtures/fn-schedule';

/** A pod template carrying `vars` environment variables of ~20 + `len` bytes each. */
const templateWith = (vars: number, len = 40) => ({
  spec: {
    containers: [
      {
        name: 'engine',
        image: 'vllm/vllm-openai:v0.11.0',
        env: Array.from({ length: vars }, (_, i) => ({ name: `SETTING_${String(i).padStart(4, '0')}`, value: 'x'.repeat(len) })),
      },
    ],
  },
});
const engines = (vars: number, len?: number) => [engine('vllm', [standalone(undefined, { template: templateWith(vars, len) })])];
const clusters = (n: number) => Array.from({ length: n }, (_, i) => clusterObj(`c-${String(i).padStart(4, '0')}`));
const bytes = (rsp: RunFunctionResponse) => RunFunctionResponse.encode(rsp).finish().length;
const placed = (rsp: RunFunctionResponse) => Object.keys(rsp.desired?.resources ?? {}).filter((k) => k.startsWith('replica-'));
const scheduled = (rsp: RunFunctionResponse) => view(rsp).conditions.find((c) => c.startsWith(`${CONDITION.scheduled}=`))!;

describe('fn-schedule: the response budget', () => {
  it.each([
    { name: '1,000 replicas of a small template: all placed', vars: 0, replicas: 1000, capped: false },
    { name: '1,000 replicas of a 12 KiB template: capped below 4 MiB', vars: 200, replicas: 1000, capped: true },
    { name: '150 replicas of a 12 KiB template: placed, no cap', vars: 200, replicas: 150, capped: false },
  ])('$name', ({ vars, replicas, capped }) => {
    const spec = { replicas, engines: engines(vars) };
    const rsp = compose(request(deploymentXr(spec), { clusters: clusters(1000), replicas: [] }));
    const cap = replicaCap(deploymentSpec(spec), 0);
    expect(bytes(rsp)).toBeLessThan(CROSSPLANE_MAX_RESPONSE_BYTES);
    if (!capped) {
      expect(placed(rsp)).toHaveLength(replicas);
      expect(scheduled(rsp)).not.toContain(REASON.tooManyReplicas);
      return;
    }
    expect(cap.max).toBeLessThan(replicas);
    expect(placed(rsp)).toHaveLength(cap.max);
    expect(scheduled(rsp)).toBe(
      `${CONDITION.scheduled}=False ${REASON.tooManyReplicas}: ${cap.max} of ${replicas} replicas scheduled: at most ${cap.max} ModelReplicas of this spec ` +
        `(~${Math.ceil(cap.bytesEach / 1024)} KiB each) fit the 4 MiB Crossplane accepts from a function. ` +
        'Lower spec.replicas, shrink spec.engines[*].members[*].template, or split the deployment',
    );
    expect(view(rsp).events).toContainEqual(expect.stringMatching(new RegExp(`^Warning ${REASON.tooManyReplicas}: `)));
    expect(view(rsp).conditions).toContainEqual(expect.stringMatching(new RegExp(`^${CONDITION.ready}=False `)));
  });

  it('a template edit that makes replicas too large to all fit drops none of them', () => {
    const before = { replicas: 300, engines: engines(0) };
    const composed = Array.from({ length: 300 }, (_, i) => replicaObj(`c-${String(i).padStart(4, '0')}`, { spec: deploymentSpec(before), deployment: 'my-model' }));
    const after = { replicas: 300, engines: engines(256, 100) };
    expect(replicaCap(deploymentSpec(after), 0).max).toBeLessThan(300);
    const rsp = compose(request(deploymentXr(after), { clusters: clusters(1000), replicas: [], observed: observedReplicas(...composed) }));
    for (const r of composed) expect(placed(rsp)).toContain(`replica-${r.spec.clusterName}-0`);
  });
});

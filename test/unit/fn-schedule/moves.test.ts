import { describe, expect, it } from 'vitest';
import { MOVE_EVENT, moveEvents } from '../../../functions/fn-schedule/moves';
import type { ScheduleResult } from '../../../functions/fn-schedule/scheduler/types';
import { replica } from '../../fixtures/fn-schedule';

const empty: ScheduleResult = { placements: [], replacing: [], dropped: [], scaledDown: [], unschedulable: [], checked: 0 };
const a = replica('a');
const b = replica('b');

describe('moveEvents', () => {
  it.each([
    { name: 'nothing moves: no event', result: empty, want: [] },
    {
      name: 'a replica being replaced',
      result: { ...empty, replacing: [{ replica: a, why: 'cluster a has untolerated taint m:NoExecute' }] },
      want: [`Normal ${MOVE_EVENT.replacing}: replica ${a.name} on a: cluster a has untolerated taint m:NoExecute; kept until a replacement is Ready`],
    },
    { name: 'a replica on a down cluster: the outage events say why', result: { ...empty, replacing: [{ replica: a, why: 'failing over', stranded: true }] }, want: [] },
    {
      name: 'a replica removed',
      result: { ...empty, dropped: [{ replica: a, why: 'cluster a is not selected; enough replicas are Ready without it' }] },
      want: [`Normal ${MOVE_EVENT.removed}: replica ${a.name} on a removed: cluster a is not selected; enough replicas are Ready without it`],
    },
    {
      name: 'a scale down',
      result: { ...empty, scaledDown: [b] },
      want: [`Normal ${MOVE_EVENT.removed}: replica ${b.name} on b removed: more replicas than spec.replicas (1)`],
    },
  ])('$name', ({ result, want }) => {
    expect(moveEvents(result, 1).map((e) => `${e.severity} ${e.reason}: ${e.message}`)).toEqual(want);
  });
});

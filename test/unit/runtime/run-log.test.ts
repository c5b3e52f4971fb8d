// At the default level every RunFunction leaves one structured line: the XR, the outcome and what
// was decided, so a user debugging a stuck XR needs no debug flag.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { compose as schedule } from '../../../functions/fn-schedule/compose';
import { compose as service } from '../../../functions/fn-service/compose';
import { runOnce, type FunctionDefinition } from '../../../functions/lib/runtime/serve';
import { requestFromJson } from '../../../sim/client';

async function linesOf(fn: FunctionDefinition, request: unknown): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const log = pino({ level: 'info', base: { function: fn.name } }, sink);
  await runOnce(fn, requestFromJson(request), log);
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'RunFunction');
}

describe('the RunFunction log line', () => {
  it.each([
    {
      name: 'a miswired Composition: fatal, with its reason',
      fn: { name: 'fn-schedule', compose: schedule },
      request: { observed: { composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'Probe', metadata: { name: 'p', namespace: 'ml' } } } } },
      want: { outcome: 'fatal', xr: { kind: 'Probe', namespace: 'ml', name: 'p' }, desired: 0 },
    },
    {
      name: 'an invalid spec: the False condition a user acts on',
      fn: { name: 'fn-service', compose: service },
      request: { observed: { composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelService', metadata: { name: 's', namespace: 'ml' }, spec: {} } } } },
      want: { outcome: 'warning', xr: { kind: 'ModelService', namespace: 'ml', name: 's' }, notTrue: expect.arrayContaining([expect.stringMatching(/=InvalidSpec$/)]) },
    },
    {
      name: 'a function that throws: error, answered Fatal',
      fn: {
        name: 'fn-broken',
        compose: () => {
          throw new Error('boom');
        },
      },
      request: { observed: { composite: { resource: { kind: 'X', metadata: { name: 'x' } } } } },
      want: { outcome: 'error', xr: { kind: 'X', name: 'x' } },
    },
  ])('$name', async ({ fn, request, want }) => {
    const lines = await linesOf(fn, request);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, ...want });
    expect(lines[0]!.seconds).toBeTypeOf('number');
  });
});

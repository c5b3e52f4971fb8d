// The setup every render test file shares: the bundles it needs, started once before its tests and
// stopped after them, and a render() bound to them (the XR's kind picks Composition and XRD).
import { afterAll, beforeAll } from 'vitest';
import type { FunctionName } from '../../sim/paths';
import { FunctionPool, render, type RenderInput, type RenderOutput } from '../../sim/render';

export interface RenderSuite {
  render(input: RenderInput): Promise<RenderOutput>;
}

export function renderSuite(...functions: FunctionName[]): RenderSuite {
  let pool: FunctionPool | undefined;
  beforeAll(async () => {
    pool = await FunctionPool.start(functions);
  });
  afterAll(async () => {
    await pool?.stop();
  });
  return {
    render: (input) => {
      if (!pool) throw new Error('renderSuite: render() runs inside a test, after the functions started');
      return render(pool, input);
    },
  };
}

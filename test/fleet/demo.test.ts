// `npm run demo`, the README's first command, run as written: it says what is simulated, echoes
// every command of docs/getting-started.md (and, marked as simulated, the events of its simulate
// blocks), settles after each block and writes a fleet map per block that changed the fleet. (What
// the tour leads to is asserted in tour.test.ts, on the same blocks.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../sim/paths';
import { TOUR } from '../../sim/tour';

describe('npm run demo', () => {
  it('runs the getting-started page, says what is simulated and writes the fleet maps', () => {
    const out = mkdtempSync(join(tmpdir(), 'modelplane-demo-'));
    const run = spawnSync('npm', ['run', 'demo'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, MODELPLANE_DEMO_OUT: out, NO_COLOR: '1' }, timeout: 240_000 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toContain('on a simulated fleet');
    expect(run.stdout).toMatch(/Simulated: the control cluster .* no model server runs\./s);
    expect(run.stdout).not.toContain('did NOT converge');
    const blocks = TOUR.flatMap((s) => s.blocks);
    for (const b of blocks) for (const c of b.commands) expect(run.stdout).toContain(`$ ${c}\n`);
    // Simulated events are printed as the simulator's, never as commands.
    for (const b of blocks) for (const e of b.simulate ?? []) expect(run.stdout).toContain(`[simulate] ${e}\n  simulated: `);
    for (const shown of blocks.flatMap((b) => b.expected)) expect(run.stdout).toContain(shown);
    const maps = ['1', '2', '3', '4', '4b', '5', '5c', '5d'].map((id) => join(out, `step-${id}.html`));
    for (const m of maps) expect(existsSync(m), m).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8').match(/<li>/g)).toHaveLength(maps.length);
  }, 300_000);
});

import { describe, expect, it } from 'vitest';
import { addsModelFlag, servingPort } from '../../../functions/fn-replica/engine-args';

describe('servingPort', () => {
  it.each([
    { name: 'no args', args: undefined, want: { ok: true, port: 8000 } },
    { name: 'no --port', args: ['--model=x', '--tensor-parallel-size=8'], want: { ok: true, port: 8000 } },
    { name: '--port=N', args: ['--port=8200'], want: { ok: true, port: 8200 } },
    { name: '--port N', args: ['--port', '30000', '--model=x'], want: { ok: true, port: 30000 } },
    { name: 'later flag wins, as with argparse', args: ['--port=9000', '--port', '9001'], want: { ok: true, port: 9001 } },
    { name: 'a look-alike flag is not --port', args: ['--port-range=1-2', '--master-port=29500'], want: { ok: true, port: 8000 } },
    { name: 'not a number', args: ['--port=$(PORT)'], want: { ok: false, message: '--port must be a port number 1..65535, got "$(PORT)"' } },
    { name: 'out of range', args: ['--port=70000'], want: { ok: false, message: '--port must be a port number 1..65535, got "70000"' } },
    { name: 'dangling --port', args: ['--port'], want: { ok: false, message: '--port must be a port number 1..65535, got ""' } },
  ])('$name', ({ args, want }) => {
    expect(servingPort(args)).toEqual(want);
  });
});

describe('addsModelFlag (api.md: cache referenced, no command, no --model flag)', () => {
  it.each([
    { name: 'cache, no command, no --model', cached: true, command: undefined, args: ['--tp=8'], want: true },
    { name: 'cache, empty command list counts as none', cached: true, command: [], args: undefined, want: true },
    { name: 'no cache', cached: false, command: undefined, args: [], want: false },
    { name: 'user command', cached: true, command: ['python3', '-m', 'sglang.launch_server'], args: [], want: false },
    { name: '--model=x present', cached: true, command: undefined, args: ['--model=Qwen/Qwen3-8B'], want: false },
    { name: '--model x present', cached: true, command: undefined, args: ['--model', 'Qwen/Qwen3-8B'], want: false },
    { name: '--model-path is another flag', cached: true, command: undefined, args: ['--model-path=/x'], want: true },
  ])('$name', ({ cached, command, args, want }) => {
    expect(addsModelFlag(cached, command, args)).toBe(want);
  });
});

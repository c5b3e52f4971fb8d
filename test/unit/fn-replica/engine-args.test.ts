// Reading an engine's args through its profile: the serving port and the model flag.
import { describe, expect, it } from 'vitest';
import { addsModelFlag, modelFlag, servingPort } from '../../../functions/fn-replica/engine-args';
import { ENGINES } from '../../../functions/fn-replica/engines';

const { vLLM: vllm, SGLang: sglang } = ENGINES;

describe('servingPort', () => {
  it.each([
    { name: 'no args', engine: vllm, args: undefined, want: { ok: true, port: 8000 } },
    { name: 'no --port', engine: vllm, args: ['--model=x', '--tensor-parallel-size=8'], want: { ok: true, port: 8000 } },
    { name: 'SGLang: no args', engine: sglang, args: undefined, want: { ok: true, port: 30000 } },
    { name: 'SGLang: --port=N', engine: sglang, args: ['--model-path=x', '--port=8100'], want: { ok: true, port: 8100 } },
    { name: '--port=N', engine: vllm, args: ['--port=8200'], want: { ok: true, port: 8200 } },
    { name: '--port N', engine: vllm, args: ['--port', '30000', '--model=x'], want: { ok: true, port: 30000 } },
    { name: 'later flag wins, as with argparse', engine: vllm, args: ['--port=9000', '--port', '9001'], want: { ok: true, port: 9001 } },
    { name: 'a look-alike flag is not --port', engine: vllm, args: ['--port-range=1-2', '--master-port=29500'], want: { ok: true, port: 8000 } },
    { name: 'not a number', engine: vllm, args: ['--port=$(PORT)'], want: { ok: false, message: '--port must be a port number 1..65535, got "$(PORT)"' } },
    { name: 'out of range', engine: sglang, args: ['--port=70000'], want: { ok: false, message: '--port must be a port number 1..65535, got "70000"' } },
    { name: 'dangling --port', engine: vllm, args: ['--port'], want: { ok: false, message: '--port must be a port number 1..65535, got ""' } },
  ])('$name', ({ engine, args, want }) => {
    expect(servingPort(engine, args)).toEqual(want);
  });
});

describe('addsModelFlag (api.md: cache referenced, no command, no model flag)', () => {
  it.each([
    { name: 'cache, no command, no --model', engine: vllm, cached: true, command: undefined, args: ['--tp=8'], want: true },
    { name: 'cache, empty command list counts as none', engine: vllm, cached: true, command: [], args: undefined, want: true },
    { name: 'no cache', engine: vllm, cached: false, command: undefined, args: [], want: false },
    { name: 'user command', engine: sglang, cached: true, command: ['python3', '-m', 'sglang.launch_server'], args: [], want: false },
    { name: '--model=x present', engine: vllm, cached: true, command: undefined, args: ['--model=Qwen/Qwen3-8B'], want: false },
    { name: '--model x present', engine: vllm, cached: true, command: undefined, args: ['--model', 'Qwen/Qwen3-8B'], want: false },
    { name: 'vLLM: --model-path is another flag', engine: vllm, cached: true, command: undefined, args: ['--model-path=/x'], want: true },
    { name: 'SGLang: --model-path present', engine: sglang, cached: true, command: undefined, args: ['--model-path', '/x'], want: false },
    { name: 'SGLang: its --model alias present', engine: sglang, cached: true, command: undefined, args: ['--model=/x'], want: false },
    { name: 'SGLang: neither', engine: sglang, cached: true, command: undefined, args: ['--tp=8'], want: true },
  ])('$name', ({ engine, cached, command, args, want }) => {
    expect(addsModelFlag(engine, cached, command, args)).toBe(want);
  });

  it.each([
    { engine: vllm, want: '--model=/mnt/models' },
    { engine: sglang, want: '--model-path=/mnt/models' },
  ])('$engine.runtime mounts the cache with $want', ({ engine, want }) => {
    expect(modelFlag(engine)).toBe(want);
  });
});

describe('the engine registry', () => {
  it('has one profile per runtime, under its own name', () => {
    for (const [runtime, profile] of Object.entries(ENGINES)) expect(profile.runtime).toBe(runtime);
  });
});

// Prometheus metrics on their own port: the RunFunction latency histogram by function and outcome,
// and a function's own counters, as a scraper sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionClient, requestFromJson } from '../../sim/client';
import { freePort, startFunction, type RunningFunction } from '../../sim/process';

describe('metrics endpoint', () => {
  let fn: RunningFunction;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    fn = await startFunction('fn-schedule', { extraArgs: ['--metrics-address', `127.0.0.1:${metricsPort}`] });
  });
  afterAll(async () => {
    await fn?.stop();
  });

  const scrape = async (path = '/metrics') => fetch(`http://127.0.0.1:${metricsPort}${path}`);

  it('counts RunFunction calls by function and outcome', async () => {
    const client = functionClient(fn.address);
    // A deployment without required resources yet: the function asks for them (outcome ok).
    const req = requestFromJson({
      meta: { tag: 'm' },
      observed: { composite: { resource: { apiVersion: 'modelplane.ai/v1alpha1', kind: 'ModelDeployment', metadata: { name: 'm', namespace: 'ns' }, spec: { engines: [] } } } },
    });
    await client.run(req);
    await client.run(req);
    client.close();
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    const count = /modelplane_function_run_seconds_count\{function="fn-schedule",outcome="(\w+)"\} (\d+)/.exec(body);
    expect(count, body.slice(0, 2000)).not.toBeNull();
    expect(Number(count![2])).toBe(2);
    expect(body).toContain('# TYPE modelplane_schedule_replicas_scheduled_total counter');
    expect(body).toContain('# TYPE modelplane_schedule_cel_compile_errors_total counter');
  });

  it('answers 404 off the metrics path', async () => {
    expect((await scrape('/')).status).toBe(404);
  });
});

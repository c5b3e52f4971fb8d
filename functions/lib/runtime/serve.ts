// The process shell shared by all five functions: flags, gRPC server (mTLS by default), health,
// metrics, structured logs, graceful shutdown. Replaces the SDK's serve(), which makes client
// certificates optional and exits 0 when it cannot listen.
import type { Server } from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { RunFunctionResponse, Severity, Status, type RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { FunctionRunnerService } from './codec';
import { FlagError, HELP, parseFlags } from './flags';
import { healthImplementation, HealthService } from './health';
import { newLogger, type Logger } from './logger';
import { runFunctionSeconds, serveMetrics } from './metrics';
import { listenInsecure, listenMutualTls, type Listener } from './tls';
import { CROSSPLANE_MAX_RESPONSE_BYTES, mib } from '../response/budget';
import { fatalResponse } from '../response/response';

export interface ComposeContext {
  readonly log: Logger;
}

/** One RunFunction call. Must not throw for any input; a throw is reported as a bug (fatal). */
export type Compose = (req: RunFunctionRequest, ctx: ComposeContext) => RunFunctionResponse | Promise<RunFunctionResponse>;

export interface FunctionDefinition {
  readonly name: string;
  readonly compose: Compose;
}

type Outcome = 'ok' | 'warning' | 'fatal' | 'error';

function outcomeOf(rsp: RunFunctionResponse): Outcome {
  let outcome: Outcome = 'ok';
  for (const r of rsp.results) {
    if (r.severity === Severity.SEVERITY_FATAL) return 'fatal';
    if (r.severity === Severity.SEVERITY_WARNING) outcome = 'warning';
  }
  return outcome;
}

/**
 * What one RunFunction decided, for the default log line: how many resources it wants composed,
 * the conditions that are not True (the ones a user acts on) and the reasons of its results.
 */
export function responseSummary(rsp: RunFunctionResponse): Record<string, unknown> {
  const notTrue = (rsp.conditions ?? []).filter((c) => c.status !== Status.STATUS_CONDITION_TRUE).map((c) => `${c.type}=${c.reason}`);
  const results = rsp.results.map((r) => r.reason ?? Severity[r.severity]).slice(0, 5);
  return {
    desired: Object.keys(rsp.desired?.resources ?? {}).length,
    ...(notTrue.length > 0 ? { notTrue } : {}),
    ...(results.length > 0 ? { results } : {}),
  };
}

function xrFields(req: RunFunctionRequest): Record<string, string | undefined> {
  const xr = req.observed?.composite?.resource as { kind?: string; metadata?: { name?: string; namespace?: string } } | undefined;
  return { kind: xr?.kind, namespace: xr?.metadata?.namespace, name: xr?.metadata?.name };
}

/**
 * A response Crossplane would refuse (over 4 MiB) becomes a Fatal result naming the limit: Crossplane
 * then applies nothing, so nothing running is deleted, and the user reads why instead of a
 * transport error. Functions that fan out stay under the limit themselves; this is the backstop.
 */
export function withinResponseLimit(req: RunFunctionRequest, rsp: RunFunctionResponse, limit = CROSSPLANE_MAX_RESPONSE_BYTES): { rsp: RunFunctionResponse; bytes: number } {
  const bytes = RunFunctionResponse.encode(rsp).finish().length;
  if (bytes <= limit) return { rsp, bytes };
  const desired = Object.keys(rsp.desired?.resources ?? {}).length;
  const message = `response of ${mib(bytes)} (${desired} composed resources) exceeds the ${mib(limit)} Crossplane accepts from a function; nothing was changed. Reduce what this resource fans out to (fewer replicas or clusters, smaller pod templates) or split it`;
  return { rsp: fatalResponse(req, message), bytes };
}

/** Runs one request through compose with logging, metrics and a last-resort fatal result. */
export async function runOnce(fn: FunctionDefinition, req: RunFunctionRequest, log: Logger, limit = CROSSPLANE_MAX_RESPONSE_BYTES): Promise<RunFunctionResponse> {
  const started = process.hrtime.bigint();
  const reqLog = log.child({ xr: xrFields(req) });
  let outcome: Outcome = 'error';
  let summary: Record<string, unknown> = {};
  try {
    const checked = withinResponseLimit(req, await fn.compose(req, { log: reqLog }), limit);
    const rsp = checked.rsp;
    outcome = outcomeOf(rsp);
    summary = { ...responseSummary(rsp), bytes: checked.bytes };
    return rsp;
  } catch (err) {
    reqLog.error({ err }, 'compose failed');
    return fatalResponse(req, `internal error in ${fn.name}: ${(err as Error).message}`);
  } finally {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    runFunctionSeconds.observe({ function: fn.name, outcome }, seconds);
    // One line per call at the default level: debugging a stuck XR needs no debug flag.
    reqLog.info({ outcome, seconds, ...summary }, 'RunFunction');
  }
}

export function newServer(fn: FunctionDefinition, log: Logger, maxMessageBytes: number): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': maxMessageBytes,
    'grpc.max_send_message_length': maxMessageBytes,
  });
  server.addService(FunctionRunnerService, {
    runFunction: (call: grpc.ServerUnaryCall<RunFunctionRequest, RunFunctionResponse>, callback: grpc.sendUnaryData<RunFunctionResponse>) => {
      // runOnce never rejects: every failure is answered with a Fatal result.
      void runOnce(fn, call.request, log).then((rsp) => callback(null, rsp));
    },
  });
  server.addService(HealthService, healthImplementation(['apiextensions.fn.proto.v1.FunctionRunnerService']));
  return server;
}

/** The entry point of every function bundle. Exits non-zero when it cannot serve. */
export async function serve(fn: FunctionDefinition, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let opts;
  try {
    opts = parseFlags(argv);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    process.stderr.write(`${fn.name}: ${err.message}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`Usage: ${fn.name} [flags]\n\n${HELP}\n`);
    return;
  }
  const log = newLogger(fn.name, opts.debug);
  const server = newServer(fn, log, opts.maxMessageBytes);
  let metrics: Server | undefined;
  let listener: Listener | undefined;

  // Handlers go in before anything is announced: a SIGTERM that arrives between "serving" and
  // their registration would otherwise kill the process with the default disposition.
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    metrics?.close();
    // Let in-flight RunFunction calls finish, but never hang past Kubernetes' grace period.
    listener?.close(10_000);
    const force = setTimeout(() => server.forceShutdown(), 10_000).unref();
    server.tryShutdown(() => {
      clearTimeout(force);
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  try {
    listener = opts.insecure ? await listenInsecure(server, opts.address) : await listenMutualTls(server, opts.address, opts.tlsServerCertsDir, log);
  } catch (err) {
    log.fatal({ err: (err as Error).message, address: opts.address }, 'cannot serve');
    process.exit(1);
  }
  if (opts.metricsAddress !== 'off') {
    metrics = await serveMetrics(opts.metricsAddress).catch((err: Error) => {
      log.fatal({ err: err.message, address: opts.metricsAddress }, 'cannot serve metrics');
      process.exit(1);
    });
  }
  log.info({ address: opts.address, tls: !opts.insecure, metrics: opts.metricsAddress }, 'serving');
}

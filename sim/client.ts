// A grpc-js client for RunFunction (the SDK does not export its generated client).
import * as grpc from '@grpc/grpc-js';
import { RunFunctionRequest, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { FunctionRunnerService } from '../functions/lib/runtime/codec';

// The same codec as the servers: responses that echo deep observed objects decode too.
const Client = grpc.makeGenericClientConstructor(FunctionRunnerService, 'FunctionRunnerService');

export interface FunctionClient {
  run(req: RunFunctionRequest, deadlineMs?: number): Promise<RunFunctionResponse>;
  close(): void;
}

/** `options` are grpc-js channel options, e.g. `grpc.ssl_target_name_override` for TLS to an IP. */
export function functionClient(address: string, creds: grpc.ChannelCredentials = grpc.credentials.createInsecure(), options: grpc.ChannelOptions = {}): FunctionClient {
  const client = new Client(address, creds, { 'grpc.max_receive_message_length': 100 * 1024 * 1024, ...options }) as unknown as grpc.Client & {
    runFunction(req: RunFunctionRequest, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, rsp: RunFunctionResponse) => void): void;
  };
  return {
    run: (req, deadlineMs = 10_000) =>
      new Promise((resolve, reject) => client.runFunction(req, { deadline: Date.now() + deadlineMs }, (err, rsp) => (err ? reject(err) : resolve(rsp)))),
    close: () => client.close(),
  };
}

/** A request from plain JSON (the proto's JSON mapping), as tests write them. */
export const requestFromJson = (json: unknown): RunFunctionRequest => RunFunctionRequest.fromJSON(json);

// RunFunction's wire codec with a nesting limit that matches Crossplane's side. The SDK's generated
// decoder stops at 100 nested messages, and a google.protobuf.Struct spends three of them per JSON
// level (Struct, its map entry, Value): requests deeper than ~31 JSON levels were refused with a
// transport error. Crossplane (protobuf-go) sends much deeper objects — an observed Object carries a
// whole manifest under status.atProvider.manifest. The generated decoder counts depth on the reader
// it is given, so starting that count below zero raises the limit without copying the decoder.
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { FunctionRunnerServiceService, RunFunctionRequest, RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';

/** The generated decoder's own limit (ts-proto). */
const GENERATED_DEPTH_LIMIT = 100;
/**
 * Nested messages we decode: about 1,000 JSON levels. Deeper than any Kubernetes object we have
 * seen, and still inside Node's default stack when the response is encoded again.
 */
export const MAX_MESSAGE_DEPTH = 3_100;
/** The same limit in JSON nesting levels of a Struct (what users and tests think in). */
export const MAX_JSON_DEPTH = Math.floor((MAX_MESSAGE_DEPTH - 10) / 3);

function deepReader(bytes: Uint8Array): BinaryReader {
  const reader = new BinaryReader(bytes) as BinaryReader & { __tsProtoDecodeDepth?: number };
  reader.__tsProtoDecodeDepth = GENERATED_DEPTH_LIMIT - MAX_MESSAGE_DEPTH;
  return reader;
}

export const decodeRequest = (bytes: Uint8Array): RunFunctionRequest => RunFunctionRequest.decode(deepReader(bytes));
export const decodeResponse = (bytes: Uint8Array): RunFunctionResponse => RunFunctionResponse.decode(deepReader(bytes));

/** The FunctionRunnerService definition for servers and clients, with the deep decoders. */
export const FunctionRunnerService = {
  ...FunctionRunnerServiceService,
  runFunction: {
    ...FunctionRunnerServiceService.runFunction,
    requestDeserialize: (value: Buffer): RunFunctionRequest => decodeRequest(value),
    responseDeserialize: (value: Buffer): RunFunctionResponse => decodeResponse(value),
  },
} as const;

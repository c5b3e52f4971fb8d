// The standard gRPC health service (grpc.health.v1.Health/Check). The upstream health package
// loads its .proto from disk at import time, which a single-file bundle cannot carry, so the two
// one-field messages are encoded here directly.
import * as grpc from '@grpc/grpc-js';
import { BinaryReader, BinaryWriter } from '@bufbuild/protobuf/wire';

const SERVING = 1;
const SERVICE_UNKNOWN = 3;

interface CheckRequest {
  service: string;
}
interface CheckResponse {
  status: number;
}

function decodeRequest(buf: Buffer): CheckRequest {
  const reader = new BinaryReader(buf);
  let service = '';
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1) service = reader.string();
    else reader.skip(wireType);
  }
  return { service };
}

function encodeResponse(msg: CheckResponse): Buffer {
  return Buffer.from(new BinaryWriter().uint32(8).int32(msg.status).finish());
}

export const HealthService: grpc.ServiceDefinition = {
  check: {
    path: '/grpc.health.v1.Health/Check',
    requestStream: false,
    responseStream: false,
    requestSerialize: (msg: CheckRequest) => Buffer.from(new BinaryWriter().uint32(10).string(msg.service).finish()),
    requestDeserialize: decodeRequest,
    responseSerialize: encodeResponse,
    responseDeserialize: (buf: Buffer) => {
      const reader = new BinaryReader(buf);
      let status = 0;
      while (reader.pos < reader.len) {
        const [field, wireType] = reader.tag();
        if (field === 1) status = reader.int32();
        else reader.skip(wireType);
      }
      return { status };
    },
  },
};

/** Serving for the whole server ("") and for each named service; unknown otherwise. */
export function healthImplementation(services: readonly string[]): grpc.UntypedServiceImplementation {
  const known = new Set(['', ...services]);
  return {
    check: (call: grpc.ServerUnaryCall<CheckRequest, CheckResponse>, callback: grpc.sendUnaryData<CheckResponse>) => {
      if (known.has(call.request.service)) callback(null, { status: SERVING });
      else callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` }, { status: SERVICE_UNKNOWN });
    },
  };
}

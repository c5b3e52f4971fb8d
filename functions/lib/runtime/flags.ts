// Command-line flags every Modelplane function takes. They mirror the Go function SDK's flags so
// a Function package runs under Crossplane's runtime unchanged.
import { parseArgs } from 'node:util';

export const DEFAULT_ADDRESS = '0.0.0.0:9443';
export const DEFAULT_TLS_SERVER_CERTS_DIR = '/tls/server';
export const DEFAULT_METRICS_ADDRESS = '0.0.0.0:8080';
/** Crossplane's own limit for RunFunction messages. */
export const DEFAULT_MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

export interface ServeOptions {
  readonly address: string;
  readonly insecure: boolean;
  readonly tlsServerCertsDir: string;
  readonly metricsAddress: string;
  readonly maxMessageBytes: number;
  readonly debug: boolean;
  readonly help: boolean;
}

const flags = {
  address: { type: 'string' },
  insecure: { type: 'boolean', default: false },
  'tls-server-certs-dir': { type: 'string' },
  'metrics-address': { type: 'string' },
  'max-message-size': { type: 'string' },
  debug: { type: 'boolean', short: 'd', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const HELP = `Flags:
  --address <host:port>             gRPC listen address (":9443" means all interfaces). Default ${DEFAULT_ADDRESS}.
  --insecure                        Serve without TLS. Default is mutual TLS (client certificates required).
  --tls-server-certs-dir <dir>      Directory with tls.crt, tls.key and ca.crt. Env TLS_SERVER_CERTS_DIR. Default ${DEFAULT_TLS_SERVER_CERTS_DIR}.
  --metrics-address <host:port>     Prometheus /metrics listen address; "off" disables it. Default ${DEFAULT_METRICS_ADDRESS},
                                    or "off" with --insecure (local runs: functions started side by side never collide).
  --max-message-size <bytes>        Largest RunFunction request or response. Default ${DEFAULT_MAX_MESSAGE_BYTES}.
  -d, --debug                       Emit debug logs.
  -h, --help                        Show this help.`;

/** Go style ":9443" listens on every interface; grpc-js needs an explicit host. */
export function normalizeAddress(address: string): string {
  return address.startsWith(':') ? `0.0.0.0${address}` : address;
}

export class FlagError extends Error {}

export function parseFlags(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: flags, allowPositionals: false, strict: true }));
  } catch (err) {
    throw new FlagError((err as Error).message);
  }
  const maxRaw = values['max-message-size'];
  const maxMessageBytes = maxRaw === undefined ? DEFAULT_MAX_MESSAGE_BYTES : Number(maxRaw);
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) {
    throw new FlagError(`--max-message-size must be a positive integer, got "${maxRaw}"`);
  }
  return {
    address: normalizeAddress(values.address ?? DEFAULT_ADDRESS),
    insecure: values.insecure ?? false,
    tlsServerCertsDir: values['tls-server-certs-dir'] ?? env.TLS_SERVER_CERTS_DIR ?? DEFAULT_TLS_SERVER_CERTS_DIR,
    // --insecure is the local-development mode (crossplane render, several functions on one host):
    // there a shared default port would collide, so metrics are on only when asked for.
    metricsAddress: values['metrics-address'] ?? (values.insecure ? 'off' : DEFAULT_METRICS_ADDRESS),
    maxMessageBytes,
    debug: values.debug ?? false,
    help: values.help ?? false,
  };
}

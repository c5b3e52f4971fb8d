// The flags every function takes: Go-SDK-style defaults, and no metrics port by default in local
// (--insecure) runs, so functions started side by side never collide.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ADDRESS, DEFAULT_METRICS_ADDRESS, FlagError, parseFlags } from '../../../functions/lib/runtime/flags';

describe('parseFlags', () => {
  it.each([
    { name: 'no flags: mTLS, metrics on the default port', argv: [], want: { address: DEFAULT_ADDRESS, insecure: false, metricsAddress: DEFAULT_METRICS_ADDRESS } },
    { name: '--insecure: metrics off unless asked for', argv: ['--insecure'], want: { insecure: true, metricsAddress: 'off' } },
    { name: '--insecure with a metrics address', argv: ['--insecure', '--metrics-address', '127.0.0.1:9102'], want: { insecure: true, metricsAddress: '127.0.0.1:9102' } },
    { name: 'mTLS with metrics off', argv: ['--metrics-address', 'off'], want: { insecure: false, metricsAddress: 'off' } },
    { name: 'a Go-style address', argv: ['--address', ':9443'], want: { address: '0.0.0.0:9443' } },
  ])('$name', ({ argv, want }) => {
    expect(parseFlags(argv, {})).toMatchObject(want);
  });

  it.each([
    { argv: ['--max-message-size', '0'], message: '--max-message-size must be a positive integer, got "0"' },
    { argv: ['--bogus'], message: "Unknown option '--bogus'" },
  ])('$argv is refused', ({ argv, message }) => {
    expect(() => parseFlags(argv, {})).toThrow(FlagError);
    expect(() => parseFlags(argv, {})).toThrow(message);
  });

  it('reads the TLS directory from the environment', () => {
    expect(parseFlags([], { TLS_SERVER_CERTS_DIR: '/certs' }).tlsServerCertsDir).toBe('/certs');
  });
});

// How large a response may be. Crossplane's function client dials with grpc-go's defaults and sets
// no larger receive size, so a response over 4 MiB fails the whole reconcile with a transport error.
// Functions that fan out (one set of objects per cluster, one ModelReplica per replica) bound what
// they compose to a budget below that, and report what they left out in a condition; the runtime
// refuses anything still larger with a Fatal result (Crossplane then applies nothing).

/** The largest response Crossplane accepts from a function (grpc-go's default receive size). */
export const CROSSPLANE_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * What a function may spend on composed resources: the rest of the 4 MiB is room for the
 * composite's status, conditions, events and the protobuf encoding's overhead over JSON.
 */
export const COMPOSED_BUDGET_BYTES = 3 * 1024 * 1024;

/** A composed object's size as the budget counts it: its JSON text (protobuf Struct is within ~2%). */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/** "3 MiB", "4.2 MiB": sizes as a condition message prints them. */
export function mib(bytes: number): string {
  const v = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${v} MiB`;
}

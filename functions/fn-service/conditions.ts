// Condition types and reasons fn-service reports, one object per kind. Users and tests script
// against these strings: change them only together with docs/functions/fn-service.md.

/** InferenceGateway: is the control-cluster gateway installed and reachable? */
export const GATEWAY = {
  type: 'GatewayReady',
  reasons: {
    /** The Gateway is programmed and has an address. */
    Available: 'Available',
    /** Components are being installed (message lists what is pending). */
    Installing: 'Installing',
    /** The Gateway exists but is not programmed or has no address yet. */
    WaitingForAddress: 'WaitingForAddress',
    /** Only the singleton named `default` is served. */
    NotDefault: 'NotDefault',
    /** The spec fails validation (message names the field). */
    InvalidSpec: 'InvalidSpec',
    /** spec.traefik.version is a chart that lacks what routing needs. */
    UnsupportedVersion: 'UnsupportedVersion',
  },
} as const;

/** ModelEndpoint: is spec.url reachable through the control-cluster gateway? */
export const ENDPOINT = {
  type: 'RoutingReady',
  reasons: {
    /** Service, EndpointSlice (and TLS policy / header middleware) exist. */
    Routable: 'Routable',
    /** The routing objects are composed but not observed yet. */
    Provisioning: 'Provisioning',
    /** spec.url is not an absolute http(s) URL with a usable host and port. */
    InvalidURL: 'InvalidURL',
    /** Another spec field fails validation. */
    InvalidSpec: 'InvalidSpec',
    /** A Secret (or key) a header reads from does not exist. */
    SecretMissing: 'SecretMissing',
  },
} as const;

/** ModelService: which endpoints were found, and is traffic routed? */
export const SERVICE = {
  endpoints: {
    type: 'EndpointsResolved',
    reasons: {
      Resolved: 'Resolved',
      NoEndpoints: 'NoEndpoints',
      InvalidSpec: 'InvalidSpec',
    },
  },
  routing: {
    type: 'RoutingReady',
    reasons: {
      /** The HTTPRoute is accepted by the gateway and the address is published. */
      Routed: 'Routed',
      /** The HTTPRoute is composed but the gateway has not accepted it yet. */
      RoutePending: 'RoutePending',
      /** No InferenceGateway `default`, or it has no address yet. */
      WaitingForGateway: 'WaitingForGateway',
      /** No ready endpoint: the last good route (if any) is kept. */
      NoEndpoints: 'NoEndpoints',
      InvalidSpec: 'InvalidSpec',
    },
  },
} as const;

/** Reasons whose cause the user must fix: each False condition with one gets a Warning event. */
export const USER_FIXABLE: ReadonlySet<string> = new Set([
  GATEWAY.reasons.NotDefault,
  GATEWAY.reasons.InvalidSpec,
  GATEWAY.reasons.UnsupportedVersion,
  ENDPOINT.reasons.InvalidURL,
  ENDPOINT.reasons.InvalidSpec,
  ENDPOINT.reasons.SecretMissing,
  SERVICE.endpoints.reasons.InvalidSpec,
]);

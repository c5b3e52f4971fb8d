// Shared facts of the routing objects (kept apart so the builders do not import each other).

export const INFERENCE_POOL_GROUP = 'inference.networking.k8s.io';

/** The endpoint picker's ext-proc gRPC port, which the InferencePool points the gateway at. */
export const EPP_EXT_PROC_PORT = 9002;

export { serve, runOnce, newServer, type Compose, type ComposeContext, type FunctionDefinition } from './serve';
export { parseFlags, normalizeAddress, type ServeOptions } from './flags';
export { counter, registry } from './metrics';
export { newLogger, type Logger } from './logger';

// A function that composes nothing, served by the same runtime: the baseline for RunFunction latency.
import { serve } from '../functions/lib/runtime';
import { buildResponse } from '../functions/lib/response';

void serve({ name: 'fn-noop', compose: (req) => buildResponse(req, { resources: {} }) });

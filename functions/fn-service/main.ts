// Entry point of the fn-service bundle (dist/fn-service.js).
import { serve } from '../lib/runtime';
import { compose } from './compose';

void serve({ name: 'fn-service', compose });

// Entry point of the fn-inferencecluster bundle (dist/fn-inferencecluster.js).
import { serve } from '../lib/runtime';
import { compose } from './compose';

void serve({ name: 'fn-inferencecluster', compose });

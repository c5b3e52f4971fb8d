// Entry point of the fn-replica bundle (dist/fn-replica.js).
import { serve } from '../lib/runtime';
import { compose } from './compose';

void serve({ name: 'fn-replica', compose });

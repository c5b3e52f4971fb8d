// Entry point of the fn-modelcache bundle (dist/fn-modelcache.js).
import { serve } from '../lib/runtime';
import { compose } from './compose';

void serve({ name: 'fn-modelcache', compose });

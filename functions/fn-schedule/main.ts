// Entry point of the fn-schedule bundle (dist/fn-schedule.js).
import { serve } from '../lib/runtime';
import { compose } from './compose';

void serve({ name: 'fn-schedule', compose });

import { randomBytes } from 'node:crypto';

/** Label on every container the suite creates (cleanup never touches anything without it). */
export const SUITE_LABEL = 'io.shipshape.suite.lifecycle';

/** Random per process: names of this run never collide with another run's on a shared engine. */
export const RUN_ID = randomBytes(4).toString('hex');

let counter = 0;

/** `prefix-RUNID-N`: unique within the run, recognisable as ours. */
export const uniqueName = (prefix: string): string => `${prefix}-${RUN_ID}-${++counter}`;

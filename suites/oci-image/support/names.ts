import { randomBytes } from 'node:crypto';

/** A prefix unique to this test run; every object this suite makes carries it. */
export const RUN_ID = randomBytes(4).toString('hex');

let counter = 0;

/** A fresh lower-case `repo:tag` for one image of this run, e.g. `shipshape-oi/save-1a2b3c4d-3:v1`. */
export const uniqueRef = (hint: string): string => `shipshape-oi/${hint}-${RUN_ID}-${++counter}:v1`;

/** A fresh name for a container, a file or a containerd namespace of this run. */
export const uniqueName = (hint: string): string => `shipshape-oi-${hint}-${RUN_ID}-${++counter}`;

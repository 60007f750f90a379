import { randomBytes } from 'node:crypto';

/** A prefix unique to this run of a test file; every object the security suite makes carries it. */
export const RUN_ID = randomBytes(4).toString('hex');

/** Label on every container the suite makes, so a sweep finds them. */
export const SECURITY_LABEL = 'io.shipshape.security';

let counter = 0;

/** A fresh lower-case `repo:tag` for one image of this run. */
export const uniqueRef = (hint: string): string => `shipshape-sec/${hint}-${RUN_ID}-${++counter}:latest`;

/** A fresh name for a container, a file or a containerd namespace of this run. */
export const uniqueName = (hint: string): string => `shipshape-sec-${hint}-${RUN_ID}-${++counter}`;

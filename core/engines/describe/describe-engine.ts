import { FAMILIES } from '../families/families.js';
import type { DescribeFn } from '../types.js';

export type { DescribeFn, DescribeOptions } from '../types.js';

/** Asks the engine behind `endpoint` what it is, with the client of its family. */
export const describeEngine: DescribeFn = (endpoint, opts) =>
  FAMILIES[endpoint.family].describe(endpoint, opts);

/** Monotonic nanosecond clock; durations are returned in (fractional) milliseconds. */
export const now = (): bigint => process.hrtime.bigint();
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

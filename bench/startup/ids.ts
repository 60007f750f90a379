import type { StartupMode, StartupOptions } from './types.js';

/** `startup/lifecycle/c4`, with `/large` and `/bridge` for the non-default image and network. */
export const startupId = (mode: StartupMode, o: StartupOptions, concurrency: number): string =>
  [
    'startup',
    mode,
    ...(o.image === 'large' ? ['large'] : []),
    ...(o.network === 'bridge' ? ['bridge'] : []),
    `c${concurrency}`,
  ].join('/');

import { join } from 'node:path';
import {
  type Bundle,
  type BundleOption,
  buildBundle,
  withArgs,
} from '../../../core/engines/runtime-cli/bundle.js';
import { PROBE } from './build-under-test.js';

/** A bundle whose rootfs holds only the probe (and /bin/sh -> probe), running `probe ARGS...`. */
export const probeBundle = (
  dir: string,
  name: string,
  args: readonly string[],
  ...opts: BundleOption[]
): Promise<Bundle> =>
  buildBundle(
    join(dir, name),
    { rootfs: { binaries: { '/bin/probe': PROBE }, symlinks: { '/bin/sh': 'probe' } } },
    withArgs('/bin/probe', ...args),
    ...opts,
  );

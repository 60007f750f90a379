import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Unavailable } from '../../errors.js';

/** Where `shiprun-init` is: $SHIPRUN_INIT, else `build/shiprun-init` in the first ancestor that has it. */
export function nativeBinary(): string {
  const fromEnv = process.env.SHIPRUN_INIT;
  if (fromEnv) return fromEnv;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'build', 'shiprun-init');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Unavailable(
    'shiprun-init not found: run `npm run build` in a checkout, or `bash scripts/build-native.sh` where the package is installed, or set SHIPRUN_INIT',
  );
}

/** False when shiprun-init was built without libseccomp (`make SECCOMP=none` leaves a marker beside it). */
export function seccompBuiltIn(binary = nativeBinary()): boolean {
  return !existsSync(`${binary}.no-seccomp`);
}

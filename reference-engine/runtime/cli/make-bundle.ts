// `npm run build` runs this: the lifecycle bundle is made once, not on the first CLI call.
import { writeBundle } from './fast-load.js';

if (!(await writeBundle())) {
  process.stderr.write('shiprun: could not write the fast-path bundle (calls will load the modules)\n');
  process.exitCode = 1;
}

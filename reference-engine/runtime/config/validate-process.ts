import { CAPABILITY_NUMBERS } from './capabilities.js';
import {
  array,
  fail,
  int,
  isAbsolute,
  isObject,
  optBool,
  optEachObject,
  optInt,
  optObject,
  optStrArray,
  str,
  strArray,
} from './checks.js';
import { RLIMIT_NUMBERS } from './rlimits.js';

const CAP_SETS = ['bounding', 'effective', 'inheritable', 'permitted', 'ambient'];

function checkCapabilities(v: unknown): void {
  const caps = optObject(v, 'process.capabilities');
  if (!caps) return;
  for (const set of CAP_SETS) {
    if (caps[set] === undefined) continue;
    for (const [i, name] of strArray(caps[set], `process.capabilities.${set}`).entries()) {
      if (!(name in CAPABILITY_NUMBERS))
        fail(`process.capabilities.${set}[${i}]`, `unknown capability ${name}`);
    }
  }
}

function checkRlimits(v: unknown): void {
  const seen = new Set<string>();
  optEachObject(v, 'process.rlimits', (r, f) => {
    const type = str(r.type, `${f}.type`);
    if (!(type in RLIMIT_NUMBERS)) fail(`${f}.type`, `unknown rlimit ${type}`);
    if (seen.has(type)) fail(`${f}.type`, `${type} is given twice`);
    seen.add(type);
    const soft = int(r.soft, `${f}.soft`, 0);
    const hard = int(r.hard, `${f}.hard`, 0);
    if (soft > hard) fail(f, `soft limit ${soft} exceeds hard limit ${hard}`);
  });
}

/** Checks `process` (config.md "Process"). */
export function validateProcess(v: unknown): void {
  if (!isObject(v)) fail('process', 'must be an object');
  const args = strArray(v.args, 'process.args');
  if (args.length === 0) fail('process.args', 'must name the program to run');
  const cwd = str(v.cwd, 'process.cwd');
  if (!isAbsolute(cwd)) fail('process.cwd', `must be an absolute path, got ${JSON.stringify(cwd)}`);
  optStrArray(v.env, 'process.env');
  optBool(v.terminal, 'process.terminal');
  optBool(v.noNewPrivileges, 'process.noNewPrivileges');
  optInt(v.oomScoreAdj, 'process.oomScoreAdj');
  if (!isObject(v.user)) fail('process.user', 'must be an object');
  int(v.user.uid, 'process.user.uid', 0);
  int(v.user.gid, 'process.user.gid', 0);
  optInt(v.user.umask, 'process.user.umask', 0);
  if (v.user.additionalGids !== undefined) {
    for (const [i, g] of array(v.user.additionalGids, 'process.user.additionalGids').entries()) {
      int(g, `process.user.additionalGids[${i}]`, 0);
    }
  }
  checkCapabilities(v.capabilities);
  checkRlimits(v.rlimits);
}

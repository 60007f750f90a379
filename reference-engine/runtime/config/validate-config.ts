import {
  eachObject,
  fail,
  isAbsolute,
  isObject,
  optBool,
  optEachObject,
  optInt,
  optObject,
  optStr,
  optStrArray,
  str,
} from './checks.js';
import { HOOK_KINDS, type OciConfig } from './oci-config.js';
import { validateLinux } from './validate-linux.js';
import { validateProcess } from './validate-process.js';

function checkMounts(v: unknown): void {
  optEachObject(v, 'mounts', (m, f) => {
    str(m.destination, `${f}.destination`); // relative ones are taken from / (config.md)
    optStr(m.type, `${f}.type`);
    optStr(m.source, `${f}.source`);
    optStrArray(m.options, `${f}.options`);
  });
}

function checkHooks(v: unknown): void {
  const hooks = optObject(v, 'hooks');
  for (const [kind, list] of Object.entries(hooks ?? {})) {
    if (!(HOOK_KINDS as readonly string[]).includes(kind)) fail(`hooks.${kind}`, 'unknown hook kind');
    eachObject(list, `hooks.${kind}`, (h, f) => {
      if (!isAbsolute(str(h.path, `${f}.path`))) fail(`${f}.path`, 'must be an absolute path');
      optStrArray(h.args, `${f}.args`);
      optStrArray(h.env, `${f}.env`);
      optInt(h.timeout, `${f}.timeout`, 1);
    });
  }
}

/** Checks a parsed config.json; throws InvalidArgument naming the first bad field. */
export function validateConfig(v: unknown): OciConfig {
  if (!isObject(v)) fail('(top level)', 'must be a JSON object');
  const version = str(v.ociVersion, 'ociVersion');
  if (!/^1\.\d+\.\d+/.test(version)) fail('ociVersion', `unsupported version ${version} (want 1.x.y)`);
  const root = optObject(v.root, 'root');
  if (!root) fail('root', 'is required on Linux');
  str(root.path, 'root.path');
  optBool(root.readonly, 'root.readonly');
  if (v.process === undefined) fail('process', 'is required to create a container');
  validateProcess(v.process);
  optStr(v.hostname, 'hostname');
  optStr(v.domainname, 'domainname');
  checkMounts(v.mounts);
  checkHooks(v.hooks);
  const ann = optObject(v.annotations, 'annotations');
  for (const [k, val] of Object.entries(ann ?? {})) str(val, `annotations.${k}`);
  validateLinux(v.linux);
  return v as unknown as OciConfig;
}

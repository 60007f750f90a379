import {
  fail,
  int,
  isAbsolute,
  optEachObject,
  optInt,
  optObject,
  optStr,
  optStrArray,
  str,
} from './checks.js';
import { NAMESPACE_TYPES } from './oci-config.js';

function checkNamespaces(v: unknown): void {
  const seen = new Set<string>();
  optEachObject(v, 'linux.namespaces', (n, f) => {
    const type = str(n.type, `${f}.type`);
    if (!(NAMESPACE_TYPES as readonly string[]).includes(type))
      fail(`${f}.type`, `unknown namespace ${type}`);
    if (seen.has(type)) fail(`${f}.type`, `namespace ${type} is given twice`);
    seen.add(type);
    if (n.path !== undefined && !isAbsolute(str(n.path, `${f}.path`))) fail(`${f}.path`, 'must be absolute');
  });
}

function checkMappings(v: unknown, field: string): void {
  optEachObject(v, field, (m, f) => {
    for (const k of ['containerID', 'hostID', 'size']) int(m[k], `${f}.${k}`, 0);
  });
}

function checkDevices(v: unknown): void {
  optEachObject(v, 'linux.devices', (d, f) => {
    const type = str(d.type, `${f}.type`);
    if (!['c', 'b', 'u', 'p'].includes(type)) fail(`${f}.type`, `must be c, b, u or p, got ${type}`);
    if (!isAbsolute(str(d.path, `${f}.path`))) fail(`${f}.path`, 'must be absolute');
    if (type !== 'p') {
      int(d.major, `${f}.major`, 0);
      int(d.minor, `${f}.minor`, 0);
    }
    for (const k of ['fileMode', 'uid', 'gid']) optInt(d[k], `${f}.${k}`, 0);
  });
}

const PROPAGATIONS = [
  '',
  'private',
  'rprivate',
  'shared',
  'rshared',
  'slave',
  'rslave',
  'unbindable',
  'runbindable',
];

/** Checks `linux` (config-linux.md); resources are checked where they are applied. */
export function validateLinux(v: unknown): void {
  const linux = optObject(v, 'linux');
  if (!linux) return;
  checkNamespaces(linux.namespaces);
  checkMappings(linux.uidMappings, 'linux.uidMappings');
  checkMappings(linux.gidMappings, 'linux.gidMappings');
  checkDevices(linux.devices);
  optStr(linux.cgroupsPath, 'linux.cgroupsPath');
  optStrArray(linux.maskedPaths, 'linux.maskedPaths');
  optStrArray(linux.readonlyPaths, 'linux.readonlyPaths');
  optObject(linux.resources, 'linux.resources');
  optObject(linux.seccomp, 'linux.seccomp');
  const sysctl = optObject(linux.sysctl, 'linux.sysctl');
  for (const [k, val] of Object.entries(sysctl ?? {})) str(val, `linux.sysctl.${k}`);
  if (linux.rootfsPropagation !== undefined) {
    const p = str(linux.rootfsPropagation, 'linux.rootfsPropagation');
    if (!PROPAGATIONS.includes(p)) fail('linux.rootfsPropagation', `unknown propagation ${p}`);
  }
}

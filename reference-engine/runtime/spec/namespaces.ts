import type { OciNamespaceType } from '../config/oci-config.js';

/** The CLONE_NEW* flag of each namespace type. */
export const CLONE_FLAGS: Readonly<Record<OciNamespaceType, number>> = {
  mount: 0x00020000,
  cgroup: 0x02000000,
  uts: 0x04000000,
  ipc: 0x08000000,
  user: 0x10000000,
  pid: 0x20000000,
  network: 0x40000000,
  time: 0x00000080,
};

import { describe, expect } from 'vitest';
import { withCapabilities, withNoNewPrivileges, withUser } from '../../core/engines/runtime-cli/bundle.js';
import type { OciCapabilities } from '../../spec/oci-runtime.js';
import { conformance } from '../support/index.js';
import { configOpts, withReport } from './config-helpers.js';
import { probeBundleWith, runProbe, useRuntime } from './support/index.js';

useRuntime();

const BITS: Readonly<Record<string, number>> = {
  CAP_CHOWN: 0,
  CAP_DAC_OVERRIDE: 1,
  CAP_FOWNER: 3,
  CAP_KILL: 5,
  CAP_SETGID: 6,
  CAP_SETUID: 7,
  CAP_NET_BIND_SERVICE: 10,
  CAP_NET_RAW: 13,
  CAP_SYS_CHROOT: 18,
  CAP_AUDIT_WRITE: 29,
};
type SetName = 'bounding' | 'effective' | 'inheritable' | 'permitted' | 'ambient';
const SETS: readonly SetName[] = ['bounding', 'effective', 'inheritable', 'permitted', 'ambient'];

/** The 16-digit hex mask the probe prints for a list of capability names. */
function hex(names: Iterable<string>): string {
  let mask = 0n;
  for (const n of names) {
    const bit = BITS[n];
    if (bit === undefined) throw new Error(`no bit for ${n}`);
    mask |= 1n << BigInt(bit);
  }
  return mask.toString(16).padStart(16, '0');
}

/**
 * What the sets are after the runtime's final execve of a plain file (capabilities(7) transformation):
 * bounding and inheritable stay; ambient keeps what is also permitted and inheritable; for uid 0 the
 * permitted set becomes bounding | inheritable | ambient (cut to the old permitted set under
 * no_new_privs) and effective equals it; for other uids permitted and effective become the ambient set.
 */
function afterExec(caps: OciCapabilities, uid: number, nnp: boolean): Record<SetName, Set<string>> {
  const s = (l?: string[]) => new Set(l ?? []);
  const [bnd, inh, prm] = [s(caps.bounding), s(caps.inheritable), s(caps.permitted)];
  const amb = new Set([...s(caps.ambient)].filter((c) => prm.has(c) && inh.has(c)));
  let permitted = amb;
  if (uid === 0) {
    permitted = new Set([...bnd, ...inh, ...amb]);
    if (nnp) permitted = new Set([...permitted].filter((c) => prm.has(c)));
  }
  return { bounding: bnd, inheritable: inh, ambient: amb, permitted, effective: new Set(permitted) };
}

interface Case {
  readonly set: SetName;
  readonly uid: number;
  readonly nnp: boolean;
  readonly why: string;
  readonly caps: OciCapabilities;
}

// One config per set, chosen so that the set under test decides what the probe sees after execve.
const CASES: readonly Case[] = [
  {
    set: 'bounding',
    uid: 0,
    nnp: false,
    why: 'uid 0: bounding shows as configured and becomes the permitted set',
    caps: {
      bounding: ['CAP_CHOWN', 'CAP_KILL', 'CAP_SETUID', 'CAP_NET_RAW', 'CAP_AUDIT_WRITE'],
      effective: ['CAP_KILL'],
      permitted: ['CAP_KILL'],
    },
  },
  {
    set: 'permitted',
    uid: 0,
    nnp: true,
    why: 'uid 0 with no_new_privs: nothing beyond the configured permitted set survives execve',
    caps: {
      bounding: ['CAP_CHOWN', 'CAP_KILL', 'CAP_SETUID', 'CAP_NET_RAW', 'CAP_SYS_CHROOT'],
      effective: ['CAP_CHOWN', 'CAP_SETUID'],
      permitted: ['CAP_CHOWN', 'CAP_SETUID', 'CAP_SYS_CHROOT'],
    },
  },
  {
    set: 'effective',
    uid: 0,
    nnp: true,
    why: 'uid 0 with no_new_privs: the effective set equals the configured permitted = effective set',
    caps: {
      bounding: ['CAP_CHOWN', 'CAP_KILL', 'CAP_FOWNER', 'CAP_NET_RAW'],
      effective: ['CAP_FOWNER', 'CAP_KILL'],
      permitted: ['CAP_FOWNER', 'CAP_KILL'],
    },
  },
  {
    set: 'inheritable',
    uid: 1000,
    nnp: true,
    why: 'the inheritable set is carried across execve unchanged',
    caps: {
      bounding: ['CAP_CHOWN', 'CAP_KILL', 'CAP_NET_RAW', 'CAP_DAC_OVERRIDE'],
      inheritable: ['CAP_NET_RAW', 'CAP_DAC_OVERRIDE'],
      permitted: ['CAP_KILL'],
      effective: ['CAP_KILL'],
    },
  },
  {
    set: 'ambient',
    uid: 1000,
    nnp: true,
    why: 'uid 1000: the ambient set becomes permitted and effective after execve',
    caps: {
      bounding: ['CAP_CHOWN', 'CAP_KILL', 'CAP_NET_BIND_SERVICE', 'CAP_SETGID'],
      inheritable: ['CAP_KILL', 'CAP_NET_BIND_SERVICE', 'CAP_SETGID'],
      permitted: ['CAP_KILL', 'CAP_NET_BIND_SERVICE', 'CAP_SETGID'],
      effective: ['CAP_KILL', 'CAP_NET_BIND_SERVICE', 'CAP_SETGID'],
      ambient: ['CAP_KILL', 'CAP_NET_BIND_SERVICE'],
    },
  },
];

describe('process: capabilities', () => {
  for (const c of CASES) {
    conformance(
      `${c.set} set (${c.why})`,
      configOpts('capabilities', `process.capabilities.${c.set}`),
      async () => {
        const b = await probeBundleWith(
          {},
          withUser(c.uid, c.uid),
          withNoNewPrivileges(c.nnp),
          withCapabilities(c.caps),
          withReport('capabilities'),
        );
        type Seen = Record<SetName, { hex: string }>;
        const seen = (await runProbe<{ capabilities: Seen }>(b)).capabilities;
        const want = afterExec(c.caps, c.uid, c.nnp);
        const configured = new Set(c.caps[c.set] ?? []);
        // the set under test shows exactly its configured members
        expect(seen[c.set].hex).toBe(hex(configured));
        for (const set of SETS) expect({ set, hex: seen[set].hex }).toEqual({ set, hex: hex(want[set]) });
      },
    );
  }
});

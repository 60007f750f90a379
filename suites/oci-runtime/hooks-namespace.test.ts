import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import {
  CONTAINER_HOOKBOX,
  HOOKED_HOSTNAME,
  type HookedRun,
  nsOf,
  runWithAllHooks,
  useRuntime,
} from './support/index.js';

useRuntime();
const tags = ['oci-runtime', 'hooks', 'hooks-namespace'];
const hostMnt = nsOf('self', 'mnt');
const hostName = readFileSync('/proc/sys/kernel/hostname', 'utf8').trim();

let run: HookedRun;
beforeAll(async () => {
  run = await runWithAllHooks();
});

const recordOf = (kind: string) => {
  const r = run.records.find((x) => x.name === kind);
  if (!r) throw new Error(`hook ${kind} never ran (${run.failure ?? 'lifecycle completed'})`);
  return r;
};

describe('hook namespaces', () => {
  const NS_REQ: Record<string, string> = {
    prestart: 'runtime:hooks.prestart-ns',
    createRuntime: 'runtime:hooks.createRuntime-ns',
    poststart: 'runtime:hooks.poststart-ns',
    poststop: 'runtime:hooks.poststop-ns',
  };
  for (const [kind, req] of Object.entries(NS_REQ)) {
    conformance(
      `${kind} runs in the runtime namespace from a host-only path`,
      { tags, requirements: [req] },
      () => {
        const r = recordOf(kind);
        expect(r.mntNs).toBe(hostMnt);
        expect(r.hostname).toBe(hostName);
      },
    );
  }

  conformance(
    'createContainer runs in the container mount namespace from a host-only path',
    { tags, requirements: ['runtime:hooks.createContainer-ns', 'runtime:hooks.createContainer-path'] },
    () => {
      const r = recordOf('createContainer');
      expect(run.containerMnt).toBeDefined();
      expect(r.mntNs).toBe(run.containerMnt);
      expect(r.mntNs).not.toBe(hostMnt);
    },
  );

  conformance(
    'startContainer runs in the container namespaces from a path only the container has',
    { tags, requirements: ['runtime:hooks.startContainer-ns'] },
    () => {
      expect(existsSync(CONTAINER_HOOKBOX)).toBe(false);
      const r = recordOf('startContainer');
      expect(r.mntNs).toBe(run.containerMnt);
      expect(r.hostname).toBe(HOOKED_HOSTNAME);
    },
  );
});

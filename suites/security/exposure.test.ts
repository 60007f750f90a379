import { describe } from 'vitest';
import { type Exposure, exposureOf, exposureProblems } from '../../core/host/exposure.js';
import { conformance, target } from '../support/index.js';
import { attack } from './requirements.js';
import { expectNoProblems } from './support/problems.js';

// The daemon's API socket (mode and owner) and its TCP listeners, read from /proc/net for the inodes
// the processes behind the socket hold. Engines reached over TCP are listening by configuration.
const described = target();
const applies = described.family === 'docker-api' || described.family === 'containerd';
const socket = described.address.startsWith('tcp://')
  ? undefined
  : described.address.replace(/^unix:\/\//, '');

let seen: Exposure | undefined;
const exposure = async () => {
  seen ??= await exposureOf(socket as string);
  return seen;
};

if (applies)
  describe('exposure of the daemon', () => {
    conformance(
      'its API socket is owned by root and others cannot connect to it',
      { tags: ['security', 'exposure'], requirements: [attack('exposure.socket')] },
      async (ctx) => {
        if (socket === undefined) ctx.skip(`${described.name} is reached over TCP: no socket to look at`);
        const e = await exposure();
        console.log(
          `[security] ${described.name} socket ${e.socket}: mode ${e.mode.toString(8)} uid ${e.uid} gid ${e.gid}; pids ${e.pids.join(',')}`,
        );
        expectNoProblems(exposureProblems({ ...e, tcp: [] }), `${described.name} socket`);
      },
    );

    conformance(
      'the daemon listens on no TCP port it was not configured to open',
      { tags: ['security', 'exposure'], requirements: [attack('exposure.tcp')] },
      async (ctx) => {
        if (socket === undefined)
          ctx.skip(`${described.name} is reached over TCP: listening is its configuration`);
        const e = await exposure();
        if (e.pids.length === 0) throw new Error(`no process found behind ${e.socket}`);
        for (const l of e.tcp)
          console.log(`[security] ${described.name} pid ${l.pid} listens on ${l.address}:${l.port}`);
        expectNoProblems(
          exposureProblems({ ...e, mode: 0o600, uid: 0 }).filter((p) => p.includes('TCP')),
          `${described.name} TCP listeners`,
        );
      },
    );
  });

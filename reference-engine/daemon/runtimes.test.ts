import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerArchiveTar, type FixtureImage, fixtureImage } from '../../fixtures/images/index.js';
import {
  type ShipdDirs,
  ShipdProcess,
  scrubShipd,
  shipdDirs,
  whyNoShipd,
} from './testing/shipd-under-test.js';

// shipd --add-runtime NAME=PATH and --default-runtime, as dockerd: /info lists the runtimes, and a
// container whose HostConfig.Runtime names one is run by that CLI under EXEC_ROOT/runtimes/NAME.

const PROBE = 'probe:runtimes';
const RUNC = ['/usr/sbin/runc', '/usr/bin/runc', '/sbin/runc'].find(existsSync);
const scratch: ShipdDirs[] = [];
afterEach(async () => {
  for (const dirs of scratch.splice(0)) await scrubShipd(dirs);
}, 60_000);

describe('shipd with --add-runtime runc --default-runtime runc', () => {
  it('lists the runtimes in /info and runs a container with the default runtime through runc', async (ctx) => {
    const why = whyNoShipd() || (RUNC ? '' : 'runc is not installed here (apt-get install runc)');
    if (why) ctx.skip(why);
    const dirs = shipdDirs('shipd-runtimes-');
    scratch.push(dirs);
    const shipd = await ShipdProcess.start(dirs, {
      args: ['--add-runtime', `runc=${RUNC}`, '--default-runtime', 'runc'],
    });
    const info = await shipd.api.info();
    expect(info.Runtimes).toEqual({ shiprun: { path: 'shiprun' }, runc: { path: RUNC } });
    expect(info.DefaultRuntime).toBe('runc');
    await shipd.api.images.load(
      await dockerArchiveTar((await fixtureImage('probe')) as FixtureImage, { refs: [PROBE] }),
    );
    const { Id } = await shipd.api.containers.create('by-runc', {
      Image: PROBE,
      Cmd: ['sh', '-c', 'echo from-runc; sleep 60'],
      HostConfig: { NetworkMode: 'none' },
    });
    await shipd.api.containers.start(Id);
    expect((await shipd.api.containers.inspect(Id)).HostConfig?.Runtime).toBe('runc');
    const list = execFileSync(
      RUNC as string,
      [`--root=${join(dirs.run, 'runtimes', 'runc')}`, 'list', '-q'],
      {
        encoding: 'utf8',
      },
    );
    expect(list.trim().split('\n')).toEqual([Id]);
    for (let i = 0; i < 100; i++) {
      if ((await shipd.api.containers.logs(Id)).stdout.toString() !== '') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await shipd.api.containers.logs(Id)).stdout.toString()).toBe('from-runc\n');
    await shipd.api.containers.remove(Id, { force: true });
    expect(
      execFileSync(RUNC as string, [`--root=${join(dirs.run, 'runtimes', 'runc')}`, 'list', '-q'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('');
    expect(await shipd.stop()).toBe(0);
  }, 120_000);
});

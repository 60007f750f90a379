import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daemonPids } from '../../core/host/daemon.js';
import { repoRoot } from '../../core/repo-root.js';
import { waitFor } from '../../core/wait-for.js';
import type { EmbeddedShipd } from '../io/io.js';
import { SHIPD_MAIN, startShipd } from './shipd-process.js';

// The embedded shipd's restart command, as the lifecycle restart test and the reliability crash tests
// use it: after a SIGTERM, and after a kill -9 (the daemon already gone), the supervisor starts the
// daemon again on the same root; a daemon that dies without the command being run stays down.

const ROOT = repoRoot();
const why =
  process.getuid?.() !== 0
    ? 'shipd needs root'
    : !existsSync(join(ROOT, SHIPD_MAIN))
      ? 'shipd is not built (npm run build)'
      : '';

/** GET /_ping on the socket: true when it answers 200 within 2 s. */
const pings = (socket: string): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request({ socketPath: socket, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });

describe.skipIf(why !== '')(`the embedded shipd's restart command${why ? ` (skipped: ${why})` : ''}`, () => {
  let shipd: EmbeddedShipd;
  let socket: string;
  const pidOf = async (): Promise<number | undefined> => (await daemonPids(socket))[0];
  const restart = () => execa('bash', ['-c', shipd.endpoint.restartCommand as string], { timeout: 60_000 });
  /** A pid other than `old` behind the socket, answering _ping. */
  const answersAgain = (old: number) =>
    waitFor(async () => ((await pings(socket)) ? ((await pidOf()) ?? old) !== old : false), {
      timeoutMs: 30_000,
      intervalMs: 100,
      describe: 'a new shipd to answer',
    });

  beforeAll(async () => {
    shipd = await startShipd(ROOT);
    socket = shipd.endpoint.address.replace(/^unix:\/\//, '');
  }, 60_000);
  afterAll(async () => {
    await shipd?.stop();
    if (socket) expect(existsSync(dirname(dirname(socket))), 'the run dir after stop').toBe(false);
  }, 90_000);

  it('after a SIGTERM restart: returns once the old daemon is gone, and a new one answers', async () => {
    const old = (await pidOf()) as number;
    expect(old).toBeGreaterThan(0);
    await restart();
    expect(await pidOf(), 'the old daemon behind the socket once the command returned').not.toBe(old);
    await answersAgain(old);
  }, 60_000);

  it('after a kill -9: stays down until the command is run, then a new daemon answers', async () => {
    const old = (await pidOf()) as number;
    process.kill(old, 'SIGKILL');
    await sleep(1500);
    expect(await pings(socket), 'a killed daemon is not started again unasked').toBe(false);
    await restart();
    await answersAgain(old);
  }, 60_000);
});

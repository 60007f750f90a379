import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError, EngineUnreachableError, TimeoutError } from '../../errors.js';
import { ContainerdCtr } from './client.js';

const endpoint = { name: 'containerd', family: 'containerd' as const, address: '/x.sock', source: 'test' };

describe('ctr calls with a fake ctr', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-fake-ctr-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const fakeCtr = async (body: string) => {
    const path = join(dir, 'ctr');
    await writeFile(path, `#!/bin/sh\n${body}\n`);
    await chmod(path, 0o755);
    return path;
  };

  it('a hung ctr raises TimeoutError within the bound', async () => {
    const ctr = new ContainerdCtr(endpoint, { ctrPath: await fakeCtr('sleep 1000 & wait'), timeoutMs: 300 });
    const started = Date.now();
    await expect(ctr.listTasks()).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('passes socket, namespace and connect timeout, and turns `ctr:` stderr into EngineError', async () => {
    const body = `echo "$@" > ${dir}/args; echo 'ctr: boom: not found' >&2; exit 1`;
    const ctr = new ContainerdCtr({ ...endpoint, args: ['ns9'] }, { ctrPath: await fakeCtr(body) });
    const err = await ctr.kill('c1', 'KILL').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ status: 1, engineMessage: 'boom: not found' });
    expect((await readFile(join(dir, 'args'), 'utf8')).trim()).toBe(
      '-a /x.sock -n ns9 --connect-timeout 10s tasks kill --signal 9 c1',
    );
  });

  it('a missing ctr binary is EngineUnreachableError', async () => {
    const ctr = new ContainerdCtr(endpoint, { ctrPath: join(dir, 'no-ctr') });
    await expect(ctr.version()).rejects.toBeInstanceOf(EngineUnreachableError);
  });
});

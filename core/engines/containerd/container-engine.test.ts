import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.js';
import { validateImage } from '../../image-validator/validate/index.js';
import { ContainerdEngine } from './container-engine.js';
import { busyboxArchive } from './image-archive.js';

const endpoint = { name: 'containerd', family: 'containerd' as const, address: '/x.sock', source: 'test' };

/**
 * A fake ctr: logs each call's arguments (after -a/-n/--connect-timeout) as one line of `calls`, keeps
 * stdin of `images import -`, and answers `SUB1-SUB2` from the files out.SUB1-SUB2, err.…, rc.… of `dir`.
 */
const FAKE_CTR = `#!/bin/sh
shift 6
echo "$*" >> "$DIR/calls"
key="$1-$2"
case "$*" in *"images import"*) cat > "$DIR/stdin" ;; esac
[ -f "$DIR/out.$key" ] && cat "$DIR/out.$key"
[ -f "$DIR/err.$key" ] && cat "$DIR/err.$key" >&2
exit "$(cat "$DIR/rc.$key" 2>/dev/null || echo 0)"
`;

describe('ContainerdEngine with a fake ctr', () => {
  let dir: string;
  let engine: ContainerdEngine;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-fake-ctr-'));
    const ctrPath = join(dir, 'ctr');
    await writeFile(ctrPath, FAKE_CTR.replace(/\$DIR/g, dir));
    await chmod(ctrPath, 0o755);
    engine = new ContainerdEngine({ ...endpoint, args: ['ns1'] }, { ctrPath, timeoutMs: 5_000 });
  });
  afterEach(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  const answer = (key: string, out: string, rc = 0, err = '') =>
    Promise.all([
      writeFile(join(dir, `out.${key}`), out),
      writeFile(join(dir, `err.${key}`), err),
      writeFile(join(dir, `rc.${key}`), String(rc)),
    ]);
  const calls = async () => (await readFile(join(dir, 'calls'), 'utf8').catch(() => '')).trim().split('\n');

  it('creates with labels and the whole command after --; refuses what ctr cannot do, naming the capability', async () => {
    const id = await engine.create({
      name: 'c1',
      image: 'docker.io/x/y:1',
      command: ['sh', '-c', 'exit 3'],
      labels: { k: 'v' },
    });
    expect(id).toBe('c1');
    expect(await calls()).toEqual(['containers create --label k=v docker.io/x/y:1 c1 -- sh -c exit 3']);
    const spec = { image: 'i', command: ['true'] };
    await expect(engine.create({ ...spec, init: true })).rejects.toThrow(
      /containerd lacks capability containers\.init: ctr has no init/,
    );
    await expect(engine.create({ ...spec, restartPolicy: { name: 'always' } })).rejects.toThrow(
      /containers\.restart-policy/,
    );
    await expect(engine.create({ ...spec, network: 'bridge' })).rejects.toThrow(/lacks capability networks/);
    expect(await engine.create(spec)).toMatch(/^shipshape-[0-9a-f]{12}$/);
  });

  it('starts with a log file, or with no IO when the output is discarded', async () => {
    await engine.create({ name: 'logged', image: 'i', command: ['true'] });
    await engine.create({ name: 'quiet', image: 'i', command: ['true'], discardOutput: true });
    await engine.start('logged');
    await engine.start('quiet');
    const [, , logged, quiet] = await calls();
    expect(logged).toMatch(
      /^tasks start --detach --log-uri binary:\/\/\S+file-logger\.sh\?file=\S+logged\.log logged$/,
    );
    expect(quiet).toBe('tasks start --detach --null-io quiet');
  });

  it('waits by polling tasks ls, reads the exit code where tasks rm reports it, then shows the container exited', async () => {
    await answer('tasks-ls', 'TASK    PID    STATUS\nc1      0      STOPPED\n');
    await answer('tasks-rm', '', 0, 'WARN[0000] task c1 exit with non-zero exit code 3\n');
    await answer(
      'containers-ls',
      'CONTAINER    IMAGE    RUNTIME\nc1           i        io.containerd.runc.v2\n',
    );
    expect(await engine.wait('c1', { pollIntervalMs: 5 })).toEqual({ exitCode: 3 });
    await answer('tasks-ls', 'TASK    PID    STATUS\n');
    expect(await engine.inspect('c1')).toEqual({
      status: 'exited',
      pid: 0,
      exitCode: null,
      restartCount: null,
    });
    expect(await engine.inspect('other')).toBeUndefined();
    await expect(engine.wait('c1', { condition: 'removed' })).rejects.toThrow(/containers\.auto-remove/);
  });

  it('reports a running task with its pid; a container without a task is created', async () => {
    await answer(
      'containers-ls',
      'CONTAINER    IMAGE    RUNTIME\nc1           i        r\nc2           i        r\n',
    );
    await answer('tasks-ls', 'TASK    PID     STATUS\nc1      4242    RUNNING\n');
    expect(await engine.inspect('c1')).toMatchObject({ status: 'running', pid: 4242 });
    expect(await engine.inspect('c2')).toMatchObject({ status: 'created', pid: 0 });
  });

  it('removes with containers rm alone, or kills and deletes the task first when forced', async () => {
    await answer('tasks-ls', 'TASK    PID    STATUS\nc1      7      RUNNING\n');
    await engine.remove('c1');
    await engine.remove('c1', { force: true });
    expect(await calls()).toEqual([
      'containers rm c1',
      'tasks ls',
      'tasks rm --force c1',
      'containers rm c1',
    ]);
  });

  it('kill defaults to SIGKILL; list filters on the label; pause and resume are task calls', async () => {
    await answer('containers-ls', 'a\nb\n');
    await engine.kill('c1');
    await engine.kill('c1', 'SIGUSR1');
    expect(await engine.list({ label: 'org.x=run1' })).toEqual(['a', 'b']);
    await engine.pause('c1');
    await engine.resume('c1');
    expect(await calls()).toEqual([
      'tasks kill --signal 9 c1',
      'tasks kill --signal 10 c1',
      'containers ls --quiet labels."org.x"==run1',
      'tasks pause c1',
      'tasks resume c1',
    ]);
  });

  it("exec gives the process's exit code; a `ctr:` message is the engine's refusal", async () => {
    await answer('tasks-exec', 'from exec\n', 7);
    expect(await engine.exec('c1', ['sh', '-c', 'exit 7'])).toEqual({
      exitCode: 7,
      stdout: 'from exec',
      stderr: '',
    });
    expect((await calls())[0]).toMatch(/^tasks exec --exec-id exec-[0-9a-f]{12} c1 sh -c exit 7$/);
    await answer('tasks-exec', '', 1, 'ctr: cannot exec in a stopped state: unknown\n');
    const err = await engine.exec('c1', ['true']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ status: 1, engineMessage: 'cannot exec in a stopped state: unknown' });
  });

  it('loads from stdin under the base name of the ref and reports what ctr unpacked; a refusal throws', async () => {
    await answer('images-import', 'unpacking docker.io/x/y:1 (sha256:abc)...done\n');
    const r = await engine.load(Buffer.from('tar bytes'), { ref: 'x/y:1' });
    expect(r.images).toEqual(['docker.io/x/y:1']);
    expect((await calls())[0]).toBe('images import --base-name docker.io/x/y -');
    expect(await readFile(join(dir, 'stdin'), 'utf8')).toBe('tar bytes');
    await answer('images-import', '', 1, 'ctr: wrong diff id calculated on extraction\n');
    await expect(engine.load(Buffer.from('x'))).rejects.toMatchObject({
      status: 1,
      engineMessage: 'wrong diff id calculated on extraction',
    });
  });
});

const SOCKET = '/run/containerd/containerd.sock';
const skip = !existsSync(SOCKET) || process.getuid?.() !== 0;

describe.skipIf(skip)('ContainerdEngine against containerd', () => {
  const engine = new ContainerdEngine({ ...endpoint, address: SOCKET }, { timeoutMs: 20_000 });
  const unique = `${process.pid}-${Date.now().toString(36)}`;
  const ref = `shipshape-test/engine-${unique}:1`;
  const label = `org.shipshape.test=${unique}`;
  let image = '';
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-ctr-engine-'));
    const { images } = await engine.load(await busyboxArchive(`docker.io/${ref}`), { ref });
    image = images[0] ?? '';
  });

  afterAll(async () => {
    const mine = await Promise.all(
      [label, `${label}-other`].map((l) => engine.list({ label: l }).catch(() => [])),
    );
    for (const id of mine.flat()) await engine.remove(id, { force: true });
    await engine.removeImage(image).catch(() => false);
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the image under its full name with the config digest, and exports it as a valid image', async () => {
    expect(await engine.findImage(ref)).toBe(`docker.io/${ref}`);
    expect(await engine.imageId(image)).toMatch(/^sha256:[0-9a-f]{64}$/);
    await engine.saveImages([image], join(dir, 'saved.tar'));
    expect((await validateImage(join(dir, 'saved.tar'), { timeoutMs: 30_000 })).valid).toBe(true);
  });

  it('walks create -> running -> paused -> running -> exec -> stopped -> removed, and lists by label', async () => {
    const labels = { 'org.shipshape.test': unique };
    const id = await engine.create({
      image,
      command: ['sh', '-c', 'echo up; trap "exit 143" TERM; sleep 1000 & wait'],
      labels,
    });
    const other = await engine.create({
      image,
      command: ['true'],
      labels: { 'org.shipshape.test': `${unique}-other` },
    });
    expect(await engine.list({ label })).toEqual([id]);
    expect(await engine.inspect(id)).toMatchObject({ status: 'created' });
    await engine.start(id);
    expect((await engine.inspect(id))?.pid).toBeGreaterThan(0);
    await engine.pause(id);
    expect(await engine.inspect(id)).toMatchObject({ status: 'paused' });
    await engine.resume(id);
    expect(await engine.exec(id, ['sh', '-c', 'echo in; exit 5'])).toMatchObject({
      exitCode: 5,
      stdout: 'in',
    });
    await engine.stop(id, { timeoutS: 5 });
    expect(await engine.wait(id, { timeoutMs: 10_000 })).toEqual({ exitCode: 143 });
    expect(await engine.inspect(id)).toMatchObject({ status: 'exited', pid: 0 });
    expect((await engine.logs(id)).stdout).toBe('up\n');
    await engine.remove(id);
    await engine.remove(other);
    expect(await engine.inspect(id)).toBeUndefined();
  });

  it('runs a container to its end in one call and removes it', async () => {
    const r = await engine.run({ image, command: ['sh', '-c', 'echo out; echo err >&2; exit 4'] });
    expect(r).toMatchObject({ exitCode: 4 });
    expect(r.stdout.split('\n').sort()).toEqual(['', 'err', 'out']);
    expect(await engine.inspect(r.id)).toBeUndefined();
  });
});

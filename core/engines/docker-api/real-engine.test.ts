import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../spec/docker-api/system.js';
import { waitFor } from '../../wait-for.js';
import { DockerApiClient } from './client.js';
import { describeDockerApi } from './describe.js';
import { BUSYBOX, busyboxDockerArchive } from './testing/busybox-image.js';
import { realEngines } from './testing/real-engines.js';

const hasBusybox = existsSync(BUSYBOX);
const engines = (await realEngines()).map((engine) => ({
  ...engine,
  note: !engine.available
    ? `skipped: ${engine.skipReason}`
    : hasBusybox
      ? engine.address
      : `skipped: ${BUSYBOX} (busybox-static) is missing`,
}));

describe.each(engines)('real engine $name ($note)', (engine) => {
  const skip = !engine.available || !hasBusybox;
  const suffix = randomBytes(4).toString('hex');
  const repoTag = `shipshape-client-test/busybox:${suffix}`;
  const label = { 'shipshape.test': `docker-api-client-${suffix}` };
  let docker: DockerApiClient;
  let image = '';
  const made: string[] = [];

  const run = async (
    cmd: string[],
    extra: { Tty?: boolean; OpenStdin?: boolean; StdinOnce?: boolean } = {},
  ) => {
    const name = `shipshape-client-${suffix}-${made.length}`;
    const { Id } = await docker.containers.create(name, {
      Image: image,
      Cmd: cmd,
      Labels: label,
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: extra.OpenStdin === true,
      HostConfig: { NetworkMode: 'none' },
      ...extra,
    });
    made.push(Id);
    return Id;
  };

  beforeAll(async () => {
    if (skip) return;
    docker = new DockerApiClient(engine.address);
    const { tar } = await busyboxDockerArchive(repoTag);
    const result = await docker.images.load(tar);
    image = result.loaded.find((name) => name.includes(suffix)) ?? result.loaded[0] ?? repoTag;
  });

  afterAll(async () => {
    if (skip) return;
    for (const id of made)
      await docker.containers.remove(id, { force: true, v: true }).catch(() => undefined);
    if (image !== '') await docker.images.remove(image, { force: true }).catch(() => undefined);
    await docker.close();
  });

  it.skipIf(skip)('negotiates API 1.41 and describes the engine', async () => {
    expect(await docker.negotiate()).toBe('1.41');
    const description = await describeDockerApi({
      name: engine.name,
      family: 'docker-api',
      address: engine.address,
      source: 'test',
    });
    expect(description.apiVersion).toBe('1.41');
    expect(description.product).toMatch(engine.name === 'podman' ? /Podman/ : /Docker/);
    expect(description.capabilities).toEqual(
      expect.arrayContaining(['containers', 'exec', 'images.load', 'volumes']),
    );
    if (engine.name === 'docker') expect(description.capabilities).toContain('live-restore');
  });

  it.skipIf(skip)('load() reported the loaded image, which inspects with our tag', async () => {
    expect(image).toContain(suffix);
    const inspect = await docker.images.inspect(image);
    expect(inspect.RepoTags?.some((tag) => tag.endsWith(repoTag))).toBe(true);
    expect((await docker.images.history(image)).length).toBeGreaterThan(0);
    const extraTag = `${suffix}-extra`;
    await docker.images.tag(image, 'shipshape-client-test/busybox', extraTag);
    const removed = await docker.images.remove(`shipshape-client-test/busybox:${extraTag}`);
    expect(removed.some((item) => item.Untagged?.includes(extraTag))).toBe(true);
    const saved = Buffer.concat(await (await docker.images.save([image])).toArray());
    expect(saved.includes(Buffer.from('manifest.json'))).toBe(true);
  });

  it.skipIf(skip)('keeps stdout and stderr apart in logs and in attach', async () => {
    const id = await run(['/bin/sh', '-c', 'echo to-out; echo to-err >&2']);
    const session = await docker.containers.attach(id);
    await docker.containers.start(id);
    const attached = await session.collect();
    expect(attached.stdout.toString()).toBe('to-out\n');
    expect(attached.stderr.toString()).toBe('to-err\n');
    expect((await docker.containers.wait(id)).StatusCode).toBe(0);
    const logs = await docker.containers.logs(id);
    expect(logs.stdout.toString()).toBe('to-out\n');
    expect(logs.stderr.toString()).toBe('to-err\n');
    await docker.containers.rename(id, `shipshape-client-${suffix}-renamed`);
    expect((await docker.containers.inspect(id)).Name).toBe(`/shipshape-client-${suffix}-renamed`);
    const listed = await docker.containers.list({
      all: true,
      filters: { label: [`shipshape.test=${label['shipshape.test']}`] },
    });
    expect(listed.map((c) => c.Id)).toContain(id);
  });

  it.skipIf(skip)('sends stdin through attach and half-closes it', async () => {
    const id = await run(['/bin/sh', '-c', 'read line; echo "got $line"; echo done >&2'], {
      OpenStdin: true,
      StdinOnce: true,
    });
    const session = await docker.containers.attach(id, { stdin: true });
    await docker.containers.start(id);
    expect(session.status).toBe(101);
    await session.write('hello\n');
    session.closeStdin();
    const out = await session.collect();
    expect(out.stdout.toString()).toBe('got hello\n');
    expect(out.stderr.toString()).toBe('done\n');
  });

  it.skipIf(skip)('answers a hijack for a missing container with a prompt 404 EngineError', async () => {
    const err = await docker
      .hijack('POST', '/containers/shipshape-no-such-container/attach', {
        query: { stream: '1' },
        timeoutMs: 5_000,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, engineMessage: expect.stringMatching(/no such container/i) });
  });

  it.skipIf(skip)('gives raw output for a Tty container', async () => {
    const id = await run(['/bin/sh', '-c', 'echo tty-out; echo tty-err >&2'], { Tty: true });
    await docker.containers.start(id);
    expect((await docker.containers.wait(id)).StatusCode).toBe(0);
    const logs = await docker.containers.logs(id);
    expect(logs.stdout.toString()).toContain('tty-out\r\n');
    expect(logs.stdout.toString()).toContain('tty-err\r\n');
    expect(logs.stderr.length).toBe(0);
  });

  it.skipIf(skip)('runs exec create/start/inspect with the exit code', async () => {
    const id = await run(['/bin/busybox', 'sleep', '60']);
    await docker.containers.start(id);
    const result = await docker.exec.run(id, ['/bin/sh', '-c', 'echo ex-out; echo ex-err >&2; exit 3']);
    expect(result.stdout.toString()).toBe('ex-out\n');
    expect(result.stderr.toString()).toBe('ex-err\n');
    expect(result.exitCode).toBe(3);
    if (engine.name === 'docker') {
      // Podman 4.3.1 answers compat /top with 200 and an empty body, which the client reports as PROTOCOL.
      const top = await docker.containers.top(id);
      expect(top.Processes?.some((p) => p.join(' ').includes('sleep'))).toBe(true);
    }
    const stats = await docker.containers.stats(id);
    expect(typeof stats.read).toBe('string');
    await docker.containers.pause(id);
    expect((await docker.containers.inspect(id)).State?.Status).toBe('paused');
    await docker.containers.unpause(id);
    await docker.containers.kill(id, 'SIGKILL');
    expect((await docker.containers.wait(id)).StatusCode).toBe(137);
  });

  // dockerd ends a removed container's events with `destroy`; Podman 4.3.1 sends `remove` instead.
  const gone = engine.name === 'podman' ? 'remove' : 'destroy';

  it.skipIf(skip)(`streams create/start/die/${gone} events for a container`, async () => {
    let id = '';
    const stream = await docker.events({
      since: Math.floor(Date.now() / 1000) - 1,
      filters: { type: ['container'] },
      streamTimeoutMs: 30_000,
    });
    const seen: EventMessage[] = [];
    const collecting = (async () => {
      for await (const event of stream) {
        seen.push(event);
        if (event.Action === gone && event.Actor?.ID === id) stream.abort();
      }
    })();
    id = await run(['/bin/sh', '-c', 'exit 0']);
    await docker.containers.start(id);
    await docker.containers.wait(id);
    await docker.containers.remove(id);
    await waitFor(() => seen.some((e) => e.Action === gone && e.Actor?.ID === id), {
      timeoutMs: 15_000,
      intervalMs: 20,
      maxIntervalMs: 250,
      describe: `the ${gone} event`,
      retry: () => false,
    });
    stream.abort();
    await collecting;
    const actions = seen.filter((e) => e.Actor?.ID === id).map((e) => e.Action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'start', 'die', gone]));
    expect(actions.indexOf('create')).toBeLessThan(actions.indexOf(gone));
  });

  it.skipIf(skip)('creates, lists and removes a volume', async () => {
    const name = `shipshape-client-${suffix}`;
    const volume = await docker.volumes.create({ Name: name, Labels: label });
    try {
      expect(volume.Name).toBe(name);
      expect((await docker.volumes.inspect(name)).Labels).toMatchObject(label);
      const listed = await docker.volumes.list({ name: [name] });
      expect(listed.Volumes?.map((v) => v.Name)).toContain(name);
    } finally {
      await docker.volumes.remove(name);
    }
    await expect(docker.volumes.inspect(name)).rejects.toMatchObject({ status: 404 });
  });
});

import { describe, expect } from 'vitest';
import { readTar, type TarEntry, tarBuffer } from '../../core/tar/index.js';
import { conformance } from '../support/index.js';
import { expectValidList } from './schemas/index.js';
import { createContainer, runToExit, suiteContext, withCmd, withReadonlyRootfs } from './support/index.js';

const ctx = suiteContext();
const info = { tags: ['containers', 'archive'], requirements: ['docker-api:ContainerArchiveInfo'] };
const get = { tags: ['containers', 'archive'], requirements: ['docker-api:ContainerArchive'] };
const put = { tags: ['containers', 'archive'], requirements: ['docker-api:PutContainerArchive'] };
const exportReq = { tags: ['containers', 'export'], requirements: ['docker-api:ContainerExport'] };
const changes = { tags: ['containers', 'changes'], requirements: ['docker-api:ContainerChanges'] };

interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

const statHeader = (value: string | undefined): PathStat =>
  JSON.parse(Buffer.from(value ?? '', 'base64').toString('utf8')) as PathStat;

/** A tar member for uploads: a file when content is given, else a directory. */
const member = (name: string, mode: number, content?: string): TarEntry =>
  content === undefined ? { name, mode, type: 'directory' } : { name, mode, content };

const oneFileTar = (name: string, content: string) => tarBuffer([member(name, 0o640, content)]);

describe('ContainerArchiveInfo (HEAD archive)', () => {
  conformance('a file: X-Docker-Container-Path-Stat names it with size and mode', info, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('HEAD', `/containers/${id}/archive`, { query: { path: '/etc/passwd' } });
    expect(res.status).toBe(200);
    const stat = statHeader(res.header('x-docker-container-path-stat'));
    expect(stat.name).toBe('passwd');
    expect(stat.size).toBeGreaterThan(0);
    expect(stat.mode & 0o777).toBe(0o644);
    expect(stat.linkTarget).toBe('');
  });

  conformance('a symlink: the stat carries its target', info, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('HEAD', `/containers/${id}/archive`, { query: { path: '/bin/sh' } });
    expect(res.status).toBe(200);
    const stat = statHeader(res.header('x-docker-container-path-stat'));
    expect(stat.name).toBe('sh');
    expect(stat.linkTarget).toMatch(/probe$/);
  });

  conformance('a directory: the mode has the directory bit', info, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('HEAD', `/containers/${id}/archive`, { query: { path: '/etc' } });
    const stat = statHeader(res.header('x-docker-container-path-stat'));
    expect(stat.name).toBe('etc');
    // Go's os.ModeDir is the top bit of a uint32.
    expect(stat.mode >>> 31).toBe(1);
  });

  conformance('a missing path answers 404', info, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('HEAD', `/containers/${id}/archive`, {
      query: { path: '/no/such/file' },
    });
    expect(res.status).toBe(404);
  });
});

describe('ContainerArchive (GET archive)', () => {
  conformance('a file comes as a tar with that one member', get, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('GET', `/containers/${id}/archive`, { query: { path: '/etc/passwd' } });
    expect(res.status).toBe(200);
    expect(res.header('content-type')).toBe('application/x-tar');
    expect(statHeader(res.header('x-docker-container-path-stat')).name).toBe('passwd');
    const members = await readTar(res.body);
    expect(members.map((m) => m.name)).toEqual(['passwd']);
    expect(Buffer.from(members[0]?.content ?? []).toString()).toMatch(/^shipper:/m);
  });

  conformance('a directory comes with its contents under its base name', get, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('GET', `/containers/${id}/archive`, { query: { path: '/etc' } });
    const names = (await readTar(res.body)).map((m) => m.name.replace(/\/$/, ''));
    expect(names).toEqual(expect.arrayContaining(['etc', 'etc/passwd', 'etc/group']));
  });

  conformance('a file written by the container is in the archive', get, async () => {
    const { id } = await runToExit(ctx, [withCmd('write', '/tmp/made.txt', 'made inside')]);
    const res = await ctx.client.raw('GET', `/containers/${id}/archive`, {
      query: { path: '/tmp/made.txt' },
    });
    const [member] = await readTar(res.body);
    expect(Buffer.from(member?.content ?? []).toString()).toBe('made inside');
  });

  conformance('a missing path answers 404 with a message', get, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('GET', `/containers/${id}/archive`, { query: { path: '/no/such' } });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ message: expect.any(String) });
  });
});

describe('PutContainerArchive', () => {
  conformance('extracts a tar into a directory; the container reads the file', put, async () => {
    const { id } = await createContainer(ctx, withCmd('read', '/tmp/uploaded.txt'));
    const res = await ctx.client.raw('PUT', `/containers/${id}/archive`, {
      query: { path: '/tmp' },
      body: await oneFileTar('uploaded.txt', 'hello from the host\n'),
      headers: { 'Content-Type': 'application/x-tar' },
    });
    expect(res.status).toBe(200);
    await ctx.client.containers.start(id);
    expect((await ctx.client.containers.wait(id)).StatusCode).toBe(0);
    const out = (await ctx.client.containers.logs(id)).stdout.toString();
    expect(JSON.parse(out)).toMatchObject({ content: 'hello from the host\n' });
  });

  conformance('keeps the mode from the tar header', put, async () => {
    const { id } = await createContainer(ctx, withCmd('stat', '/tmp/uploaded.txt'));
    await ctx.client.raw('PUT', `/containers/${id}/archive`, {
      query: { path: '/tmp' },
      body: await oneFileTar('uploaded.txt', 'x'),
      headers: { 'Content-Type': 'application/x-tar' },
    });
    await ctx.client.containers.start(id);
    await ctx.client.containers.wait(id);
    const out = (await ctx.client.containers.logs(id)).stdout.toString();
    expect(JSON.parse(out)).toMatchObject({ stat: { mode: '0640', type: 'file' } });
  });

  conformance('a missing destination directory answers 404', put, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('PUT', `/containers/${id}/archive`, {
      query: { path: '/no/such/dir' },
      body: await oneFileTar('f.txt', 'x'),
      headers: { 'Content-Type': 'application/x-tar' },
    });
    expect(res.status).toBe(404);
  });

  conformance('a read-only root filesystem refuses the upload and stays unchanged', put, async () => {
    // The spec documents 403 here; dockerd 20.10 answers 500 with the same message.
    const { id } = await createContainer(ctx, withReadonlyRootfs());
    const res = await ctx.client.raw('PUT', `/containers/${id}/archive`, {
      query: { path: '/tmp' },
      body: await oneFileTar('f.txt', 'x'),
      headers: { 'Content-Type': 'application/x-tar' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((res.json() as { message: string }).message).toMatch(/read-only/i);
    const head = await ctx.client.raw('HEAD', `/containers/${id}/archive`, { query: { path: '/tmp/f.txt' } });
    expect(head.status).toBe(404);
  });
});

describe('ContainerExport', () => {
  conformance('gives a tar of the whole filesystem with /bin/probe', exportReq, async () => {
    const { id } = await runToExit(ctx, [withCmd('write', '/tmp/exported.txt', 'in export')]);
    const res = await ctx.client.raw('GET', `/containers/${id}/export`, { timeoutMs: 60_000 });
    expect(res.status).toBe(200);
    const members = await readTar(res.body);
    const byName = new Map(members.map((m) => [m.name.replace(/^\.?\//, '').replace(/\/$/, ''), m]));
    const probe = byName.get('bin/probe');
    expect(probe?.type).toBe('file');
    expect((probe?.mode ?? 0) & 0o111).not.toBe(0);
    expect(byName.get('bin/sh')?.type).toBe('symlink');
    expect(Buffer.from(byName.get('tmp/exported.txt')?.content ?? []).toString()).toBe('in export');
    expect(byName.has('etc/passwd')).toBe(true);
  });
});

describe('ContainerChanges', () => {
  conformance('reports added (1), modified (0) and deleted (2) paths', changes, async () => {
    const { id } = await runToExit(ctx, [
      withCmd('sh', '-c', 'write /tmp/added.txt a && write /etc/passwd changed && rm -r /home/shipper'),
    ]);
    const res = await ctx.client.raw('GET', `/containers/${id}/changes`);
    expect(res.status).toBe(200);
    expectValidList('ContainerChangeResponseItem', res.json());
    const list = res.json() as { Path: string; Kind: number }[];
    expect(list).toEqual(
      expect.arrayContaining([
        { Path: '/tmp/added.txt', Kind: 1 },
        { Path: '/etc/passwd', Kind: 0 },
        { Path: '/home/shipper', Kind: 2 },
      ]),
    );
    expect(list.find((c) => c.Path === '/bin/probe')).toBeUndefined();
  });

  conformance('an untouched container has no changes to image files', changes, async () => {
    const { id } = await createContainer(ctx);
    const res = await ctx.client.raw('GET', `/containers/${id}/changes`);
    const list = (res.json() as { Path: string }[] | null) ?? [];
    expect(list.filter((c) => c.Path.startsWith('/bin') || c.Path.startsWith('/home'))).toEqual([]);
  });
});

describe('PutContainerArchive then read from inside', () => {
  conformance('an uploaded directory tree is visible to a new process', put, async () => {
    const { id } = await createContainer(ctx, withCmd('read', '/srv/up/deep/file.txt'));
    const tar = await tarBuffer([
      member('up', 0o755),
      member('up/deep', 0o755),
      member('up/deep/file.txt', 0o644, 'deep'),
    ]);
    const mkdir = await ctx.client.raw('PUT', `/containers/${id}/archive`, {
      query: { path: '/' },
      body: await tarBuffer([member('srv', 0o755)]),
      headers: { 'Content-Type': 'application/x-tar' },
    });
    expect(mkdir.status).toBe(200);
    const res = await ctx.client.raw('PUT', `/containers/${id}/archive`, {
      query: { path: '/srv' },
      body: tar,
      headers: { 'Content-Type': 'application/x-tar' },
    });
    expect(res.status).toBe(200);
    await ctx.client.containers.start(id);
    await ctx.client.containers.wait(id);
    const out = (await ctx.client.containers.logs(id)).stdout.toString();
    expect(JSON.parse(out)).toMatchObject({ content: 'deep' });
  });
});

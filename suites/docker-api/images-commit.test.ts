import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import { removeAfterTest } from './image-sources.js';
import { uniqueRepo } from './images-fixtures.js';
import { expectValid } from './schemas/index.js';
import {
  readInContainer,
  runProbeReport,
  runToExit,
  suiteContext,
  withCmd,
  withConfig,
  withNetworkMode,
} from './support/index.js';

// ImageCommit: a container's filesystem changes and a config become a new image.

const ctx = suiteContext();
const commit = { tags: ['images', 'commit'], requirements: ['docker-api:ImageCommit'] };
const none = withNetworkMode('none');

/** A stopped container that wrote `/data/committed.txt`; its id and the content written. */
async function writtenContainer() {
  const content = `committed by ${ctx.runId}`;
  const run = await runToExit(ctx, [
    withCmd('sh', '-c', `mkdir -p /data; write /data/committed.txt '${content}'`),
    none,
  ]);
  expect(run.exitCode).toBe(0);
  return { id: run.id, content };
}

/** POST /commit with a container config (empty: keep the container's); the new image is removed after the test. */
async function commitContainer(
  container: string,
  query: Record<string, string | string[]>,
  body: unknown = {},
) {
  const res = await ctx.client.raw('POST', '/commit', { query: { container, ...query }, body });
  expect({ status: res.status, body: res.text().slice(0, 300) }).toMatchObject({ status: 201 });
  const { Id } = res.json() as { Id: string };
  removeAfterTest(ctx, Id);
  return { res, id: Id };
}

describe('ImageCommit', () => {
  conformance('answers 201 with the new image ID; repo:tag names it', commit, async () => {
    const { id: container } = await writtenContainer();
    const repo = uniqueRepo('commit');
    const { res, id } = await commitContainer(container, { repo, tag: 'v1' });
    expectValid('IdResponse', res.json());
    const inspect = await ctx.client.images.inspect(`${repo}:v1`);
    // The swagger's IdResponse does not say whether the ID carries its `sha256:` prefix.
    expect(inspect.Id.replace(/^sha256:/, '')).toBe(id.replace(/^sha256:/, ''));
    expect(inspect.Id).not.toBe(ctx.imageId);
  });

  conformance('a file the container wrote is in the new image', commit, async () => {
    const { id: container, content } = await writtenContainer();
    const { id } = await commitContainer(container, {});
    const read = await readInContainer(ctx, '/data/committed.txt', withConfig({ Image: id }), none);
    expect(read.content).toBe(content);
  });

  conformance('the new image adds one layer on top of the source image layers', commit, async () => {
    const { id: container } = await writtenContainer();
    const { id } = await commitContainer(container, {});
    const base = (await ctx.client.images.inspect(ctx.imageId)).RootFS?.Layers ?? [];
    const layers = (await ctx.client.images.inspect(id)).RootFS?.Layers ?? [];
    expect(layers.slice(0, base.length)).toEqual(base);
    expect(layers).toHaveLength(base.length + 1);
  });

  conformance('changes set the config, and the process of a new container sees them', commit, async () => {
    const { id: container } = await writtenContainer();
    const changes = ['ENV COMMITTED=yes', 'CMD ["report","env","cwd"]', 'WORKDIR /data'];
    const { id } = await commitContainer(container, { changes });
    const config = (await ctx.client.images.inspect(id)).Config;
    expect(config?.Env).toContain('COMMITTED=yes');
    expect(config?.Cmd).toEqual(['report', 'env', 'cwd']);
    const report = await runProbeReport(ctx, withConfig({ Image: id }), none);
    expect(report.env).toContain('COMMITTED=yes');
    expect(report.cwd).toBe('/data');
  });

  conformance('author and comment are recorded on the image', commit, async () => {
    const { id: container } = await writtenContainer();
    const { id } = await commitContainer(container, {
      author: `shipshape ${ctx.runId}`,
      comment: 'the comment',
    });
    const inspect = await ctx.client.images.inspect(id);
    expect(inspect.Author).toBe(`shipshape ${ctx.runId}`);
    expect(inspect.Comment).toBe('the comment');
  });

  conformance('the container config body is optional: without one the commit succeeds', commit, async () => {
    const { id: container } = await writtenContainer();
    const res = await ctx.client.raw('POST', '/commit', { query: { container } });
    expect({ status: res.status, body: res.text().slice(0, 300) }).toMatchObject({ status: 201 });
    removeAfterTest(ctx, (res.json() as { Id: string }).Id);
  });

  conformance('an unknown container answers 404 with an error body', commit, async () => {
    const res = await ctx.client.raw('POST', '/commit', {
      query: { container: `ss-${ctx.runId}-missing` },
      body: {},
    });
    expect(res.status).toBe(404);
    expectValid('ErrorResponse', res.json());
  });
});

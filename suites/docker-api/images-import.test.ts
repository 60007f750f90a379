import { describe, expect } from 'vitest';
import { file } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { probeRootfsTar, removeAfterTest } from './image-sources.js';
import { engineRef, uniqueRepo } from './images-fixtures.js';
import { expectValid } from './schemas/index.js';
import {
  readInContainer,
  runProbeReport,
  suiteContext,
  withConfig,
  withNetworkMode,
} from './support/index.js';

// ImageCreate with fromSrc=-: the request body, a root filesystem tar, becomes a one-layer image.

const ctx = suiteContext();
const create = { tags: ['images', 'import'], requirements: ['docker-api:ImageCreate'] };

/** Imports a probe rootfs holding /etc/imported; returns the image ID and the engine's name for it. */
async function importRootfs(query: { tag?: string; message?: string; changes?: readonly string[] }) {
  const repo = uniqueRepo('import');
  const marker = `imported by ${ctx.runId}\n`;
  const tar = await probeRootfsTar([file('/etc/imported', marker)]);
  const messages = await ctx.client.images.import(tar, { repo, ...query });
  for (const m of messages) {
    const id = /sha256:[0-9a-f]{64}/.exec(m.status ?? '')?.[0];
    if (id !== undefined) removeAfterTest(ctx, id);
  }
  const ref = `${repo}:${query.tag ?? 'latest'}`;
  const inspect = await ctx.client.images.inspect(ref);
  removeAfterTest(ctx, inspect.Id);
  return { messages, inspect, ref: engineRef(ref, inspect.RepoTags), marker };
}

describe('ImageCreate (import from the request body)', () => {
  conformance(
    'makes a one-layer image under repo:tag (tag given) whose ID the stream reports',
    create,
    async () => {
      const { messages, inspect, ref } = await importRootfs({ tag: 'v1' });
      expectValid('ImageInspect', inspect);
      expect(inspect.RepoTags).toContain(ref);
      expect(inspect.RootFS?.Layers).toHaveLength(1);
      const statuses = messages.map((m) => m.status ?? '');
      expect(statuses.some((s) => s.includes(inspect.Id.replace(/^sha256:/, '')))).toBe(true);
    },
  );

  conformance('without a tag the image is repo:latest', create, async () => {
    const { inspect, ref } = await importRootfs({});
    expect(ref.endsWith(':latest')).toBe(true);
    expect(inspect.RepoTags).toContain(ref);
  });

  conformance('the tar content is the container filesystem', create, async () => {
    const { inspect, marker } = await importRootfs({});
    const image = withConfig({ Image: inspect.Id, Entrypoint: ['/bin/probe'] });
    const read = await readInContainer(ctx, '/etc/imported', image, withNetworkMode('none'));
    expect(read.content).toBe(marker);
  });

  conformance('changes set the config: ENV, LABEL and CMD, seen by the process', create, async () => {
    const changes = [
      'ENV IMPORTED=yes',
      `LABEL io.shipshape.import=${ctx.runId}`,
      'CMD ["/bin/probe","report","env"]',
    ];
    const { inspect } = await importRootfs({ changes });
    expect(inspect.Config?.Env).toContain('IMPORTED=yes');
    expect(inspect.Config?.Labels?.['io.shipshape.import']).toBe(ctx.runId);
    expect(inspect.Config?.Cmd).toEqual(['/bin/probe', 'report', 'env']);
    const report = await runProbeReport(ctx, withConfig({ Image: inspect.Id }), withNetworkMode('none'));
    expect(report.env).toContain('IMPORTED=yes');
  });

  conformance('message becomes the image Comment', create, async () => {
    const message = `imported for ${ctx.runId}`;
    const { inspect } = await importRootfs({ message });
    expect(inspect.Comment).toBe(message);
  });

  conformance('a body that is not a tar is refused with an error', create, async () => {
    const res = await ctx.client.raw('POST', '/images/create', {
      query: { fromSrc: '-', repo: uniqueRepo('notatar') },
      body: Buffer.from('this is not a tar archive'.repeat(40)),
      headers: { 'Content-Type': 'application/x-tar' },
    });
    const text = res.text();
    const failed = res.status >= 400 || /"error(Detail)?"/.test(text);
    expect({ status: res.status, body: text.slice(0, 300), failed }).toMatchObject({ failed: true });
  });
});

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildImage } from '../testing/archive-builder.js';
import { loadInto, tempStore } from '../testing/temp-store.js';

describe('inspect and history', () => {
  it('inspect returns the Docker Image shape', async () => {
    await using t = await tempStore();
    const img = await buildImage({
      tags: ['app:1'],
      labels: { x: 'y' },
      cmd: ['/app'],
      layers: [{ files: { a: '1' } }, { files: { b: '22' }, gzip: true }],
    });
    await loadInto(t.store, [img]);
    const uncompressed = img.layers.map(
      (l) => (l.mediaType.endsWith('gzip') ? gunzipSync(l.blob) : l.blob).length,
    );
    const inspect = await t.store.inspect('app:1');
    expect(inspect).toMatchObject({
      Id: img.id,
      RepoTags: ['app:1'],
      RepoDigests: [],
      Parent: '',
      Created: '2024-01-01T00:00:00Z',
      Architecture: 'amd64',
      Os: 'linux',
      Config: { Cmd: ['/app'], Labels: { x: 'y' } },
      RootFS: { Type: 'layers', Layers: img.layers.map((l) => l.diffId) },
    });
    expect(inspect.Size).toBe(uncompressed.reduce((a, b) => a + b, 0));
    expect(inspect.VirtualSize).toBe(inspect.Size);
    expect(Object.keys(inspect)).toEqual(
      expect.arrayContaining([
        'Comment',
        'Container',
        'ContainerConfig',
        'DockerVersion',
        'Author',
        'GraphDriver',
        'Metadata',
      ]),
    );
  });

  it('history lists config history newest first with layer sizes, id and tags on the top entry', async () => {
    await using t = await tempStore();
    const img = await buildImage({
      tags: ['app:1'],
      layers: [{ files: { a: '1' } }, { files: { b: '2'.repeat(3000) } }],
    });
    await loadInto(t.store, [img]);
    const history = await t.store.history('app:1');
    expect(history).toEqual([
      {
        Id: img.id,
        Created: 1704067200,
        CreatedBy: 'layer 1',
        Tags: ['app:1'],
        Size: img.layers[1]?.blob.length,
        Comment: '',
      },
      {
        Id: '<missing>',
        Created: 1704067200,
        CreatedBy: 'layer 0',
        Tags: null,
        Size: img.layers[0]?.blob.length,
        Comment: '',
      },
    ]);
  });
});

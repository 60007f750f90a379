import { beforeAll, describe, expect } from 'vitest';
import { type FixtureImage, fixtureImage, imageForHost } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { loadArchive, probeVariant, removeImageQuietly, uniqueRepo } from './images-fixtures.js';
import { expectValid } from './schemas/index.js';
import { engineStatus, suiteContext } from './support/index.js';

const ctx = suiteContext({ probe: false });
const prune = { tags: ['images', 'prune'], requirements: ['docker-api:ImagePrune'] };
let probe: FixtureImage;

beforeAll(async () => {
  probe = imageForHost(await fixtureImage('probe'));
});

/**
 * Images for one test: labelled tagged, labelled dangling, labelled tagged in use by a container, and an
 * unlabelled dangling one. The label is unique to the test, so a prune filtered by it touches only these.
 */
async function prepare() {
  const label = `org.shipshape.prune=${uniqueRepo('p').split('/')[1]}`;
  const [key, value] = label.split('=') as [string, string];
  const make = () =>
    probeVariant({ labels: { [key]: value, 'org.shipshape.n': String(Math.random()) } }, probe);
  const [tagged, dangling, used, other] = [
    await make(),
    await make(),
    await make(),
    await probeVariant({ labels: { 'org.shipshape.n': label } }, probe),
  ];
  const repo = uniqueRepo('prune');
  for (const image of [tagged, dangling, used, other])
    ctx.defer(() => removeImageQuietly(ctx.client, image.id));
  await loadArchive(ctx.client, tagged, [`${repo}:tagged`]);
  await loadArchive(ctx.client, dangling, []);
  await loadArchive(ctx.client, used, [`${repo}:used`]);
  await loadArchive(ctx.client, other, []);
  const name = ctx.uniqueName('prune-user');
  ctx.track(name);
  await ctx.client.containers.create(name, {
    Image: `${repo}:used`,
    Cmd: ['exit', '0'],
    HostConfig: { NetworkMode: 'none' },
  });
  return { label, tagged, dangling, used, other };
}

const exists = async (image: FixtureImage) =>
  (await engineStatus(ctx.client.images.inspect(image.id))) === 200;
const hex = (id: string) => id.replace(/^sha256:/, '');

describe('ImagePrune', () => {
  conformance('with a label filter removes only our dangling image', prune, async () => {
    const set = await prepare();
    const res = await ctx.client.images.prune({ label: [set.label] });
    expectValid('ImagePruneResponse', res);
    const deleted = (res.ImagesDeleted ?? []).flatMap((i) => (i.Deleted ? [hex(i.Deleted)] : []));
    expect(deleted).toContain(hex(set.dangling.id));
    expect(await exists(set.dangling)).toBe(false);
    expect(await exists(set.tagged)).toBe(true);
  });

  conformance('dangling=false also removes our unused tagged image but not one in use', prune, async () => {
    const set = await prepare();
    const res = await ctx.client.images.prune({ label: [set.label], dangling: ['false'] });
    expectValid('ImagePruneResponse', res);
    expect(await exists(set.tagged)).toBe(false);
    expect(await exists(set.dangling)).toBe(false);
    expect(await exists(set.used)).toBe(true);
  });

  conformance(
    'a dangling image without the label survives, and SpaceReclaimed is reported',
    prune,
    async () => {
      const set = await prepare();
      const res = await ctx.client.images.prune({ label: [set.label] });
      expect(await exists(set.other)).toBe(true);
      expect(res.SpaceReclaimed).toBeGreaterThanOrEqual(0);
    },
  );

  conformance('a label filter with another value leaves our images alone', prune, async () => {
    const set = await prepare();
    const res = await ctx.client.images.prune({ label: [`${set.label}-no-such-value`] });
    expectValid('ImagePruneResponse', res);
    expect(await exists(set.dangling)).toBe(true);
  });
});

import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Conflict, InvalidArgument, NotFound } from '../errors.js';
import { LocalVolumeStore } from './local-volume-store.js';
import { hostMountTable } from './volume-mounts.js';

let root: string;
let users: Record<string, string[]>;
let events: string[];
let store: LocalVolumeStore;
const isRoot = process.getuid?.() === 0;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'shipd-volumes-'));
  users = {};
  events = [];
  store = await LocalVolumeStore.open(join(root, 'volumes'), {
    users: (name) => users[name] ?? [],
    onEvent: (action, name) => events.push(`${action} ${name}`),
  });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('LocalVolumeStore', () => {
  it('creates a local volume with labels and options, and a second create returns it unchanged', async () => {
    const v = await store.create({ Name: 'data', Labels: { a: 'b' } });
    expect(v).toMatchObject({
      Name: 'data',
      Driver: 'local',
      Scope: 'local',
      Labels: { a: 'b' },
      Options: {},
    });
    expect(v.Mountpoint).toBe(join(root, 'volumes', 'data', '_data'));
    expect(statSync(v.Mountpoint).isDirectory()).toBe(true);
    expect(await store.create({ Name: 'data', Labels: { c: 'd' } })).toEqual(v);
    expect(await store.inspect('data')).toEqual(v);
    expect(events).toEqual(['create data']);
  });

  it('names an anonymous volume with 64 hex digits', async () => {
    expect((await store.ensure()).Name).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.ensure('named')).Name).toBe('named');
  });

  it.each([
    ['a', /too short/],
    ['a/b', /includes invalid characters/],
    ['-x', /includes invalid characters/],
  ])('refuses the name %s', async (name, message) => {
    await expect(store.create({ Name: name })).rejects.toThrow(message);
    await expect(store.create({ Name: name })).rejects.toBeInstanceOf(InvalidArgument);
  });

  it('refuses another driver (not found) and unknown options', async () => {
    await expect(store.create({ Name: 'vv', Driver: 'nfs' })).rejects.toBeInstanceOf(NotFound);
    await expect(store.create({ Name: 'vv', DriverOpts: { bogus: '1' } })).rejects.toThrow(
      'invalid option: "bogus"',
    );
  });

  it('filters by name, label, driver and dangling', async () => {
    await store.create({ Name: 'used-one', Labels: { tier: 'gold' } });
    await store.create({ Name: 'free-one', Labels: { tier: 'plain' } });
    users['used-one'] = ['c1'];
    const names = async (f: Record<string, string[]>) => (await store.list(f)).map((v) => v.Name);
    expect(await names({})).toEqual(['free-one', 'used-one']);
    expect(await names({ name: ['used'] })).toEqual(['used-one']);
    expect(await names({ label: ['tier=gold'] })).toEqual(['used-one']);
    expect(await names({ label: ['tier'] })).toEqual(['free-one', 'used-one']);
    expect(await names({ dangling: ['true'] })).toEqual(['free-one']);
    expect(await names({ dangling: ['false'] })).toEqual(['used-one']);
    expect(await names({ driver: ['local'] })).toEqual(['free-one', 'used-one']);
    await expect(store.list({ bogus: ['x'] })).rejects.toThrow("Invalid filter 'bogus'");
  });

  it('refuses to remove a volume in use (409) unless forced; force ignores a missing one', async () => {
    await store.create({ Name: 'busy' });
    users.busy = ['c1'];
    await expect(store.remove('busy')).rejects.toBeInstanceOf(Conflict);
    expect((await store.inspect('busy')).Name).toBe('busy');
    await store.remove('busy', { force: true });
    await expect(store.inspect('busy')).rejects.toBeInstanceOf(NotFound);
    await expect(store.remove('busy')).rejects.toThrow('get busy: no such volume');
    await store.remove('busy', { force: true });
    expect(events).toEqual(['create busy', 'destroy busy']);
  });

  it('prunes unused volumes matching the label filters, and reports the space', async () => {
    await store.create({ Name: 'p1', Labels: { prune: 'yes' } });
    await store.create({ Name: 'p2', Labels: { prune: 'yes' } });
    await store.create({ Name: 'keep', Labels: {} });
    users.p2 = ['c1'];
    writeFileSync(join(store.mountpoint('p1'), 'f'), Buffer.alloc(8192, 1));
    const result = await store.prune({ label: ['prune=yes'] });
    expect(result.VolumesDeleted).toEqual(['p1']);
    expect(result.SpaceReclaimed).toBe(8192);
    expect((await store.list()).map((v) => v.Name)).toEqual(['keep', 'p2']);
    await expect(store.prune({ name: ['x'] })).rejects.toThrow("Invalid filter 'name'");
  });

  it.skipIf(!isRoot)(
    'copies image content up once, into an empty volume only, keeping the directory mode',
    async () => {
      const image = join(root, 'image-dir');
      mkdirSync(join(image, 'sub'), { recursive: true, mode: 0o750 });
      writeFileSync(join(image, 'sub', 'file'), 'from the image');
      await store.create({ Name: 'cu' });
      await store.copyUp('cu', join(image, 'sub'));
      const data = store.mountpoint('cu');
      expect(readFileSync(join(data, 'file'), 'utf8')).toBe('from the image');
      expect(statSync(data).mode & 0o777).toBe(statSync(join(image, 'sub')).mode & 0o777);
      writeFileSync(join(image, 'sub', 'later'), 'x');
      rmSync(join(data, 'file'));
      await store.copyUp('cu', join(image, 'sub'));
      expect(existsSync(join(data, 'later'))).toBe(false);
      await store.create({ Name: 'missing-src' });
      await store.copyUp('missing-src', join(image, 'nope'));
    },
  );

  it('counts usage as dockerd: file bytes, hardlinks once, and the containers using it', async () => {
    await store.create({ Name: 'sz' });
    const data = store.mountpoint('sz');
    mkdirSync(join(data, 'd'));
    writeFileSync(join(data, 'd', 'a'), 'x'.repeat(100));
    linkSync(join(data, 'd', 'a'), join(data, 'b'));
    writeFileSync(join(data, 'c'), 'yy');
    users.sz = ['c1', 'c2'];
    expect(await store.usage('sz')).toEqual({ Size: 102, RefCount: 2 });
  });

  it('a create cut off by a crash is gone at the next open', async () => {
    mkdirSync(join(root, 'volumes', '.tmp-half', '_data'), { recursive: true });
    mkdirSync(join(root, 'volumes', 'nometa', '_data'), { recursive: true });
    await store.create({ Name: 'whole' });
    const reopened = await LocalVolumeStore.open(join(root, 'volumes'));
    expect((await reopened.list()).map((v) => v.Name)).toEqual(['whole']);
    expect(existsSync(join(root, 'volumes', 'nometa'))).toBe(false);
  });

  it.skipIf(!isRoot)('mounts a tmpfs volume for its first user and unmounts after the last', async () => {
    await store.create({ Name: 'tmp', DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=4m' } });
    const data = store.mountpoint('tmp');
    expect(await store.mount('tmp', 'c1')).toBe(data);
    await store.mount('tmp', 'c2');
    expect(hostMountTable(data)).toBe(true);
    await store.unmount('tmp', 'c1');
    expect(hostMountTable(data)).toBe(true);
    await store.unmount('tmp', 'c2');
    expect(hostMountTable(data)).toBe(false);
  });
});

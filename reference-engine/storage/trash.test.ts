import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Trash } from './trash.js';

describe('Trash', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipd-trash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const tree = (path: string) => {
    mkdirSync(join(path, 'a', 'b'), { recursive: true });
    writeFileSync(join(path, 'a', 'b', 'f'), 'x');
    writeFileSync(join(path, 'g'), 'y');
  };

  it('moves a tree out of its place at once and deletes it in the background', async () => {
    const trash = new Trash(join(dir, 'trash'));
    const victim = join(dir, 'snapshots', '7');
    tree(victim);
    trash.discard(victim);
    expect(existsSync(victim)).toBe(false);
    await trash.idle();
    expect(readdirSync(trash.dir)).toEqual([]);
    expect(readdirSync(join(dir, 'snapshots'))).toEqual([]);
  });

  it('takes a missing path as already gone, and refuses what it cannot move', async () => {
    const trash = new Trash(join(dir, 'trash'));
    expect(() => trash.discard(join(dir, 'never-made'))).not.toThrow();
    mkdirSync(join(dir, 'busy'));
    // A directory cannot be renamed into its own subtree: the error is the caller's.
    expect(() => new Trash(join(dir, 'busy', 'inner')).discard(join(dir, 'busy'))).toThrow(/EINVAL/);
    await trash.idle();
  });

  it('empties, when opened, what a crash left in it', async () => {
    tree(join(dir, 'trash', 'left-by-a-crash'));
    const trash = new Trash(join(dir, 'trash'));
    await trash.idle();
    expect(readdirSync(trash.dir)).toEqual([]);
  });
});

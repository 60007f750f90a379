import { describe, expect, it } from 'vitest';
import { archivePath, parentDirs, symlinkTarget } from './archive-path.js';

describe('archive paths', () => {
  it('normalizes entry names and refuses names above the root', () => {
    expect(archivePath('./blobs/sha256/ab/')).toBe('blobs/sha256/ab');
    expect(archivePath('/index.json')).toBe('index.json');
    expect(archivePath('a/../b')).toBe('b');
    expect(archivePath('a/../../b')).toBeUndefined();
    expect(archivePath('./')).toBe('');
  });

  it('resolves symlinks inside the archive and refuses escapes', () => {
    expect(symlinkTarget('x/layer.tar', '../abc.tar')).toBe('abc.tar');
    expect(symlinkTarget('blobs/sha256/c', '../../../etc/passwd')).toBeUndefined();
    expect(symlinkTarget('blobs/sha256/c', '/etc/passwd')).toBeUndefined();
    expect(symlinkTarget('a', '.')).toBeUndefined();
  });

  it('lists parent directories', () => {
    expect(parentDirs('a/b/c')).toEqual(['a', 'a/b']);
    expect(parentDirs('c')).toEqual([]);
  });
});

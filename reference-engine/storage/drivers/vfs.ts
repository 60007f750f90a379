import { mkdirSync } from 'node:fs';
import { copyTree } from '../copy-tree.js';
import { WholeTreeDriver } from './whole-tree-driver.js';

/**
 * A full copy of the parent per snapshot (ROOT/snapshots/<id>/fs), reflinked with FICLONE where the
 * filesystem supports it. Works anywhere; slow and big on filesystems without reflinks.
 */
export class VfsDriver extends WholeTreeDriver {
  override readonly name = 'vfs';
  override readonly whiteouts = 'remove' as const;

  protected async makeTree(fs: string, parentFs: string | undefined): Promise<void> {
    if (parentFs === undefined) mkdirSync(fs, 0o755);
    else copyTree(parentFs, fs);
  }
}

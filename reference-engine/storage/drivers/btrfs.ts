import { Unavailable } from '../../errors.js';
import { WholeTreeDriver } from './whole-tree-driver.js';

const TIMEOUT_MS = 30_000;

/**
 * btrfs: a subvolume per layer (ROOT/snapshots/<id>/fs), a snapshot of the parent for each child,
 * read-only once committed. ROOT must be on btrfs. Uses the `btrfs` CLI (btrfs-progs) rather than
 * ioctls in the addon: the BTRFS_IOC_* argument structs are version-sensitive, the CLI is the stable
 * interface, and one exec (~2 ms) per layer operation is small next to the work it does.
 */
export class BtrfsDriver extends WholeTreeDriver {
  override readonly name = 'btrfs';
  override readonly whiteouts = 'remove' as const;

  protected async makeTree(fs: string, parentFs: string | undefined, kind: 'active' | 'view'): Promise<void> {
    if (parentFs === undefined) await btrfs('subvolume', 'create', fs);
    else await btrfs('subvolume', 'snapshot', ...(kind === 'view' ? ['-r'] : []), parentFs, fs);
  }

  protected override async sealTree(fs: string): Promise<void> {
    await btrfs('property', 'set', '-ts', fs, 'ro', 'true');
  }

  protected override async discardTree(fs: string): Promise<void> {
    await btrfs('subvolume', 'delete', fs);
  }
}

async function btrfs(...args: string[]): Promise<void> {
  const { execa } = await import('execa'); // loaded when a btrfs driver runs, not by every daemon
  const result = await execa('btrfs', args, { timeout: TIMEOUT_MS, reject: false });
  if (result.failed) {
    const reason = result.timedOut ? `timed out after ${TIMEOUT_MS} ms` : result.stderr || result.message;
    throw new Unavailable(`btrfs ${args.join(' ')}: ${reason}`);
  }
}

import type { EngineDescription } from '../../../core/engines/types.js';
import { pidsHoldingSocket, unixListenerInode } from '../../../core/host/proc-net.js';
import { fdCount, rssKiB } from '../../../core/host/process.js';

/** The daemon's processes: those holding its listening API socket (none for an engine reached over TCP). */
export async function daemonPids(engine: EngineDescription): Promise<number[]> {
  if (engine.address.startsWith('tcp://')) return [];
  const inode = await unixListenerInode(engine.address.replace(/^unix:\/\//, ''));
  return inode === undefined ? [] : pidsHoldingSocket(inode);
}

/** Open descriptors and resident memory (KiB) of those processes, summed. */
export async function daemonStats(pids: readonly number[]): Promise<{ fds: number; rssKiB: number }> {
  let fds = 0;
  let rss = 0;
  for (const pid of pids) {
    fds += await fdCount(pid);
    rss += await rssKiB(pid);
  }
  return { fds, rssKiB: rss };
}

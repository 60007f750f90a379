import { pidsHoldingSocket, unixListenerInode } from './proc-net.js';
import { fdCount, rssKiB } from './process.js';

/**
 * The processes of the daemon serving `address` (`unix:///path` or a bare path): those holding its
 * listening socket. None for a TCP address or a socket nobody listens on.
 */
export async function daemonPids(address: string): Promise<number[]> {
  if (address.startsWith('tcp://')) return [];
  const inode = await unixListenerInode(address.replace(/^unix:\/\//, ''));
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

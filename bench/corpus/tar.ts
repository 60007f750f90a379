import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { contentChunks } from './content.js';
import type { CorpusEntry } from './types.js';

/** Every entry gets this mtime, uid/gid 0 and empty user/group names, so equal input gives equal bytes. */
export const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

type Pack = ReturnType<typeof tar.pack>;
type Sink = ReturnType<Pack['entry']>;

function whenDrained(sink: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      sink.off('drain', onDrain);
      sink.off('close', onClose);
      sink.off('error', settle);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('tar entry closed before it was written'));
    sink.on('drain', onDrain);
    sink.on('close', onClose);
    sink.on('error', settle);
  });
}

async function writeEntry(p: Pack, e: CorpusEntry): Promise<void> {
  const base = { name: e.path, mtime: FIXED_MTIME, uid: 0, gid: 0, uname: '', gname: '' };
  if (e.type === 'directory') return void p.entry({ ...base, type: 'directory', mode: e.mode ?? 0o755 });
  if (e.type === 'symlink')
    return void p.entry({ ...base, type: 'symlink', linkname: e.target, mode: 0o777 });
  if (e.type === 'hardlink') return void p.entry({ ...base, type: 'link', linkname: e.target, mode: 0o644 });
  let finished!: (err?: Error | null) => void;
  const done = new Promise<void>((resolve, reject) => {
    finished = (err) => (err ? reject(err) : resolve());
  });
  done.catch(() => {}); // seen by `await done` below, or moot when writing fails first
  const sink = p.entry({ ...base, type: 'file', size: e.size, mode: e.mode ?? 0o644 }, finished);
  for (const chunk of contentChunks(e.content, e.seed, e.size)) {
    if (!sink.write(chunk)) await whenDrained(sink);
  }
  sink.end(undefined);
  await done;
}

/**
 * An uncompressed layer tar of `entries`, produced as it is read: back-pressure pauses generation, so
 * memory stays bounded whatever the corpus size. Destroying the stream stops the producer.
 */
export function layerTarStream(entries: Iterable<CorpusEntry>): Readable {
  const p = tar.pack();
  const produce = async () => {
    for (const e of entries) {
      if (p.destroyed) return;
      await writeEntry(p, e);
    }
    p.finalize();
  };
  produce().catch((err: unknown) => p.destroy(err instanceof Error ? err : new Error(String(err))));
  // Bridge the streamx pack into a Node Readable with explicit back-pressure (pause / resume).
  const out = new Readable({
    read: () => void p.resume(),
    destroy: (err, cb) => {
      p.destroy();
      cb(err);
    },
  });
  p.on('data', (chunk: unknown) => {
    if (!out.push(chunk as Buffer)) p.pause();
  });
  p.on('end', () => out.push(null));
  p.on('error', (err: Error) => out.destroy(err));
  return out;
}

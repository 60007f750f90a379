import { Readable } from 'node:stream';
import { type Pack, pack } from 'tar-stream';
import { hasContent, type TarContent, type TarEntry, tarHeader } from './entry.js';

/**
 * Writes one entry into `tar` and resolves once tar-stream has taken all of it. Streamed content is
 * written with back-pressure (a chunk at a time, waiting for the entry to drain), so memory stays
 * bounded whatever its size; an error of the content stream destroys the entry and rejects.
 */
export async function writeEntry(tar: Pack, entry: TarEntry): Promise<void> {
  const header = tarHeader(entry);
  const content = entry.content;
  if (!hasContent(entry.type)) return add(tar, header);
  if (content === undefined || typeof content === 'string' || content instanceof Uint8Array) {
    return add(tar, header, whole(content));
  }
  if (entry.size === undefined) throw new TypeError(`tar entry ${entry.name}: streamed content needs a size`);
  return stream(tar, header, content);
}

/**
 * A Node Readable of the tar that `produce` writes into a tar-stream Pack (with `writeEntry`, or raw
 * header blocks through `tar.push`). A failure of `produce` becomes an error of the returned stream
 * (streamx's own destroy(err) would escape as uncaught); destroying the stream stops the producer at
 * its next write.
 */
export function packStream(produce: (tar: Pack) => Promise<void>): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    const tar = pack();
    let failure: { err: unknown } | undefined;
    const producing = produce(tar).then(
      () => tar.finalize(),
      (err: unknown) => {
        failure = { err };
        tar.destroy();
      },
    );
    try {
      for await (const chunk of tar as AsyncIterable<Uint8Array>) yield Buffer.from(chunk);
    } catch (err) {
      if (!failure) throw err;
    }
    await producing;
    if (failure) throw failure.err;
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** The tar of `entries` in the order given, produced as it is read (see `writeEntry`). */
export function tarStream(entries: Iterable<TarEntry> | AsyncIterable<TarEntry>): Readable {
  return packStream(async (tar) => {
    for await (const entry of entries) await writeEntry(tar, entry);
  });
}

/** The tar of `entries` in the order given, in memory. */
export async function tarBuffer(entries: Iterable<TarEntry> | AsyncIterable<TarEntry>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of tarStream(entries)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const whole = (content: string | Uint8Array | undefined): Buffer =>
  content === undefined
    ? EMPTY
    : typeof content === 'string'
      ? Buffer.from(content)
      : Buffer.isBuffer(content)
        ? content
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength);

const EMPTY = Buffer.alloc(0);

function add(tar: Pack, header: ReturnType<typeof tarHeader>, body?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error | null) => (err ? reject(err) : resolve());
    // A regular file entry is given its body (empty or not), or tar-stream waits for one.
    if (body === undefined) tar.entry(header, done);
    else tar.entry(header, body, done);
  });
}

async function stream(
  tar: Pack,
  header: ReturnType<typeof tarHeader>,
  content: Exclude<TarContent, string | Uint8Array>,
): Promise<void> {
  let settle!: (err?: Error | null) => void;
  const written = new Promise<void>((resolve, reject) => {
    settle = (err) => (err ? reject(err) : resolve());
  });
  written.catch(() => {}); // seen by `await written` below, or moot when the content fails first
  const sink = tar.entry(header, settle);
  sink.on('error', () => {}); // it reaches `settle` too; unheard, streamx would raise it as uncaught
  try {
    for await (const chunk of content) if (!sink.write(chunk)) await drained(sink);
  } catch (err) {
    sink.destroy(err as Error);
    throw err;
  }
  sink.end(undefined);
  await written;
}

/** Resolves when `sink` drains; rejects when it closes or fails first. */
function drained(sink: ReturnType<Pack['entry']>): Promise<void> {
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

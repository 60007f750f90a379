import { Readable } from 'node:stream';
import { type Pack, pack } from 'tar-stream';

/**
 * A Node Readable of the tar that `produce` writes into a tar-stream Pack. A failure of `produce`
 * becomes an error of the returned stream (streamx's own destroy(err) would escape as uncaught).
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

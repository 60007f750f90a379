import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { frame } from '../../core/engines/docker-api/testing/fake-engine.js';
import { dropJsonLines, relabelFrames, rewriteJson } from './transforms.js';

const through = async (t: NodeJS.ReadWriteStream, chunks: (string | Buffer)[]): Promise<Buffer> => {
  const out: Buffer[] = [];
  const piped = Readable.from(chunks.map((c) => Buffer.from(c))).pipe(t);
  for await (const c of piped) out.push(Buffer.from(c as Buffer));
  return Buffer.concat(out);
};

/** Every split of `b` into two chunks, to catch state lost across chunk boundaries. */
const splits = (b: Buffer): Buffer[][] =>
  Array.from({ length: b.length + 1 }, (_, i) => [b.subarray(0, i), b.subarray(i)]);

describe('relabelFrames', () => {
  const body = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, Buffer.from([1, 0, 0, 0]))]);
  const want = Buffer.concat([frame(2, 'out\n'), frame(2, 'err\n'), frame(2, Buffer.from([1, 0, 0, 0]))]);

  it('changes only the type byte of each header, wherever the chunks split', async () => {
    for (const chunks of splits(body)) expect(await through(relabelFrames(1, 2), chunks)).toEqual(want);
  });

  it('passes a TTY body (no frame header) unchanged', async () => {
    const raw = Buffer.from('hello from a terminal\r\n');
    expect(await through(relabelFrames(1, 2), [raw])).toEqual(raw);
  });
});

describe('dropJsonLines', () => {
  it('drops matching lines and keeps the rest byte for byte, across chunk splits', async () => {
    const text = '{"Action":"start"}\n{"Action":"die"}\n{"status":"die"}\n{"Action":"destroy"}\n';
    for (const chunks of splits(Buffer.from(text))) {
      const out = await through(
        dropJsonLines(
          (d) =>
            (d as { Action?: string; status?: string }).Action === 'die' ||
            (d as { status?: string }).status === 'die',
        ),
        chunks,
      );
      expect(out.toString()).toBe('{"Action":"start"}\n{"Action":"destroy"}\n');
    }
  });
});

describe('rewriteJson', () => {
  it('sends the rewritten document, and an unparsable body as it came', async () => {
    expect(
      (
        await through(
          rewriteJson(() => ({ a: 2 })),
          ['{"a"', ':1}'],
        )
      ).toString(),
    ).toBe('{"a":2}\n');
    expect(
      (
        await through(
          rewriteJson(() => 1),
          ['not json'],
        )
      ).toString(),
    ).toBe('not json');
  });
});

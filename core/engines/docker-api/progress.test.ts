import { describe, expect, it } from 'vitest';
import { EngineError, ShipshapeError } from '../../errors.js';
import { JsonSplitter, jsonValues } from './json-stream.js';
import { collectProgress, loadedImages, type ProgressMessage, progressMessages } from './progress.js';

async function* bytes(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

describe('JSON stream splitting', () => {
  it('joins objects split across chunks, even inside a multi-byte character and in strings with braces', async () => {
    const text = Buffer.from('{"status":"é {not a brace}"}\n{"a":[1,{"b":"\\"}"}]}\r\n');
    const parts = [text.subarray(0, 12), text.subarray(12, 13), text.subarray(13, 40), text.subarray(40)];
    const values: unknown[] = [];
    for await (const v of jsonValues(bytes(...parts))) values.push(v);
    expect(values).toEqual([{ status: 'é {not a brace}' }, { a: [1, { b: '"}' }] }]);
  });

  it('accepts objects concatenated without newlines, and fails on garbage or a cut-off value', () => {
    expect(new JsonSplitter().push(Buffer.from('{"a":1}{"b":2}'))).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => new JsonSplitter().push(Buffer.from('oops'))).toThrow(ShipshapeError);
    const splitter = new JsonSplitter();
    splitter.push(Buffer.from('{"a":'));
    expect(() => splitter.end()).toThrow(/ended inside a JSON value/);
  });
});

describe('progress messages', () => {
  it('yields messages before an errorDetail and then raises EngineError with its message', async () => {
    const seen: ProgressMessage[] = [];
    const stream = bytes(
      '{"status":"Loading layer","progressDetail":{"current":1,"total":2}}\n{"stat',
      'us":"halfway"}\n{"errorDetail":{"message":"archive/tar: invalid tar header"},"error":"archive/tar: invalid tar header"}\n',
      '{"status":"never seen"}\n',
    );
    const run = async () => {
      for await (const m of progressMessages(stream, 'images/load')) seen.push(m);
    };
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).engineMessage).toBe('archive/tar: invalid tar header');
    expect(seen.map((m) => m.status)).toEqual(['Loading layer', 'halfway']);
  });

  it('raises on a bare `error` field too, and finds loaded image names', async () => {
    await expect(collectProgress(progressMessages(bytes('{"error":"boom"}'), 'pull'))).rejects.toThrow(
      /boom/,
    );
    const messages = await collectProgress(
      progressMessages(
        bytes('{"stream":"Loaded image: a/b:c\\n"}{"stream":"Loaded image ID: sha256:12"}'),
        'load',
      ),
    );
    expect(loadedImages(messages)).toEqual(['a/b:c', 'sha256:12']);
  });
});

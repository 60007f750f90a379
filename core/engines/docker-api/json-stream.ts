import { ShipshapeError } from '../../errors.js';

/**
 * Splits a byte stream of concatenated JSON objects (newline-delimited or not, as Go's json.Encoder and
 * json.Decoder allow) into complete texts, whatever the chunk boundaries. Lifecycle: `push(chunk)` returns
 * the values completed so far; `end()` throws if the source stopped inside a value.
 */
export class JsonSplitter {
  #text = '';
  #decoder = new TextDecoder('utf-8');
  #depth = 0;
  #inString = false;
  #escaped = false;
  #start = -1;
  #scanned = 0;

  push(chunk: Uint8Array): unknown[] {
    this.#text += this.#decoder.decode(chunk, { stream: true });
    const values: unknown[] = [];
    for (let i = this.#scanned; i < this.#text.length; i++) {
      const c = this.#text[i];
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === '\\') this.#escaped = true;
        else if (c === '"') this.#inString = false;
      } else if (c === '"' && this.#depth > 0) this.#inString = true;
      else if (c === '{' || c === '[') {
        if (this.#depth++ === 0) this.#start = i;
      } else if (c === '}' || c === ']') {
        if (--this.#depth === 0) values.push(this.#parse(this.#text.slice(this.#start, i + 1)));
        if (this.#depth < 0) this.#fail(`unexpected '${c}'`);
      } else if (this.#depth === 0 && c !== undefined && !/\s/.test(c))
        this.#fail(`unexpected '${c}' between values`);
    }
    const keep = this.#depth > 0 ? this.#start : this.#text.length;
    this.#text = this.#text.slice(keep);
    this.#start = this.#depth > 0 ? 0 : -1;
    this.#scanned = this.#text.length;
    return values;
  }

  end(): void {
    if (this.#depth > 0)
      this.#fail(`stream ended inside a JSON value: ${JSON.stringify(this.#text.slice(0, 80))}`);
  }

  #parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new ShipshapeError('PROTOCOL', `invalid JSON in stream: ${JSON.stringify(text.slice(0, 80))}`, {
        cause: err,
      });
    }
  }

  #fail(why: string): never {
    throw new ShipshapeError('PROTOCOL', `JSON stream: ${why}`);
  }
}

/** Each JSON value of a byte stream of concatenated JSON values. */
export async function* jsonValues(source: AsyncIterable<Uint8Array>): AsyncGenerator<unknown> {
  const splitter = new JsonSplitter();
  for await (const chunk of source) yield* splitter.push(chunk);
  splitter.end();
}

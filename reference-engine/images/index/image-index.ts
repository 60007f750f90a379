import { InvalidArgument, NotFound } from '../../errors.js';
import { isSha256Digest } from '../content-store/digest.js';
import { Mutex } from '../content-store/mutex.js';
import { parseReference, parseTagged } from '../reference/parse-reference.js';
import type { ImageRecord, IndexState } from './image-record.js';
import { readIndexFile, writeIndexFile } from './index-file.js';

const ID_PREFIX = /^(?:sha256:)?([a-f0-9]{1,64})$/;

/**
 * The image metadata store: images by id, `name:tag` and `name@digest` references, persisted in one
 * JSON file. Reads are synchronous against the in-memory state; every change goes through `update`,
 * which applies it to a copy, writes the file atomically and only then makes the copy current.
 *
 *   const index = await ImageIndex.open('/var/lib/shipd/images.json');
 *   await index.update((draft) => { draft.images[id] = record; draft.tags['docker.io/library/a:1'] = id; });
 *   index.resolve('a:1');                     // → record (also by id, id prefix or name@digest)
 */
export class ImageIndex {
  #state: IndexState;
  readonly #lock = new Mutex();

  private constructor(
    readonly file: string,
    state: IndexState,
  ) {
    this.#state = state;
  }

  static async open(file: string): Promise<ImageIndex> {
    return new ImageIndex(file, await readIndexFile(file));
  }

  images(): ImageRecord[] {
    return Object.values(this.#state.images);
  }

  get(id: string): ImageRecord | undefined {
    return this.#state.images[id];
  }

  /** Normalised `name:tag` references of an image, sorted. */
  tagsOf(id: string): string[] {
    return referencesTo(this.#state.tags, id);
  }

  /** Normalised `name@digest` references of an image, sorted. */
  digestsOf(id: string): string[] {
    return referencesTo(this.#state.digests, id);
  }

  /** Manifest digests of every image: the roots for garbage collection. */
  roots(): string[] {
    return this.images().map((image) => image.manifest.digest);
  }

  /**
   * Find an image like Docker: full id, name[:tag], name@digest, then a unique id prefix.
   * NotFound when nothing matches; InvalidArgument when `ref` is not a reference at all.
   */
  resolve(ref: string): ImageRecord {
    if (isSha256Digest(ref)) return this.get(ref) ?? noSuchImage(ref);
    const byName = this.#byReference(ref);
    if (byName) return byName;
    const prefix = ID_PREFIX.exec(ref)?.[1];
    if (prefix === undefined) return noSuchImage(ref);
    const matches = this.images().filter((image) => image.id.startsWith(`sha256:${prefix}`));
    if (matches.length > 1) throw new InvalidArgument(`image id prefix ${ref} is ambiguous`);
    return matches[0] ?? noSuchImage(ref);
  }

  /** Apply `change` to a copy of the state, persist it atomically, then make it current. */
  update<T>(change: (draft: IndexState) => T): Promise<T> {
    return this.#lock.run(async () => {
      const draft = structuredClone(this.#state);
      const result = change(draft);
      await writeIndexFile(this.file, draft);
      this.#state = draft;
      return result;
    });
  }

  /** Run `fn` while no update can commit (garbage collection marks and sweeps inside). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.#lock.run(fn);
  }

  /** Point `target` (name[:tag]) at the image `source` resolves to; the tag's old image loses it. */
  async tag(source: string, target: string): Promise<ImageRecord> {
    const image = this.resolve(source);
    const ref = parseTagged(target);
    await this.update((draft) => {
      draft.tags[ref] = image.id;
      const record = draft.images[image.id];
      if (!record) throw new NotFound(`No such image: ${source}`);
      record.lastTagTime = new Date().toISOString();
    });
    return image;
  }

  /** Remove one `name[:tag]` or `name@digest` reference; NotFound when it does not exist. */
  async untag(ref: string): Promise<string> {
    const parsed = parseReference(ref);
    const key = parsed.digest ? `${parsed.name}@${parsed.digest}` : parseTagged(ref);
    const table = parsed.digest ? 'digests' : 'tags';
    if (this.#state[table][key] === undefined) throw new NotFound(`No such image: ${ref}`);
    await this.update((draft) => {
      delete draft[table][key];
    });
    return key;
  }

  /** InvalidArgument for text that is no reference, as dockerd answers 400 before any lookup. */
  #byReference(ref: string): ImageRecord | undefined {
    const parsed = parseReference(ref);
    const id = parsed.digest
      ? this.#state.digests[`${parsed.name}@${parsed.digest}`]
      : this.#state.tags[`${parsed.name}:${parsed.tag ?? 'latest'}`];
    return id === undefined ? undefined : this.get(id);
  }
}

function referencesTo(table: Record<string, string>, id: string): string[] {
  return Object.keys(table)
    .filter((ref) => table[ref] === id)
    .sort();
}

function noSuchImage(ref: string): never {
  throw new NotFound(`No such image: ${ref}`);
}

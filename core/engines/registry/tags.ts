import { expectStatus, RegistryProtocolError } from './errors.js';
import { nextLink } from './link.js';
import { headerValue, type RawResponse, type RegistryTransport } from './transport.js';

/** One page of `/v2/<name>/tags/list`; `next` is the absolute URL of the `Link: <...>; rel="next"`. */
export interface TagPage {
  readonly name: string;
  readonly tags: readonly string[];
  readonly next?: string;
}

export interface TagList {
  readonly name: string;
  readonly tags: readonly string[];
  readonly pages: number;
}

/** Tag listing with `n`/`last` and Link pagination (end-8a, end-8b). */
export class TagsApi {
  constructor(private readonly transport: RegistryTransport) {}

  /** One page: `n` caps the count, `last` starts after that tag. */
  async list(name: string, opts: { n?: number; last?: string } = {}): Promise<TagPage> {
    const res = await this.transport.send('GET', `/v2/${name}/tags/list`, {
      query: { n: opts.n, last: opts.last },
    });
    return tagPage(res, `list tags of ${name}`);
  }

  /** Fetch the page a previous page's `next` points at. */
  async nextPage(page: TagPage): Promise<TagPage | undefined> {
    return page.next === undefined ? undefined : this.#fetch(page.next, page.name);
  }

  /**
   * Every tag, `pageSize` at a time. Follows Link; without Link, a full page continues with `last`.
   * A page longer than `pageSize` means the registry ignores `n` (2.8 does) and holds the whole list.
   * More than `maxPages` pages, or a `last` page that repeats a tag, is a RegistryProtocolError.
   */
  async listAll(name: string, opts: { pageSize?: number; maxPages?: number } = {}): Promise<TagList> {
    const { pageSize, maxPages = 100 } = opts;
    const tags: string[] = [];
    let page = await this.list(name, { n: pageSize });
    for (let pages = 1; ; pages++) {
      if (page.tags.some((t) => tags.includes(t))) {
        throw new RegistryProtocolError(
          `list tags of ${name}: page ${pages} repeats tags (is last= ignored?)`,
        );
      }
      tags.push(...page.tags);
      const last = page.tags.at(-1);
      const full = pageSize !== undefined && pageSize > 0 && page.tags.length === pageSize;
      if (page.next === undefined && (!full || last === undefined)) return { name, tags, pages };
      if (pages >= maxPages)
        throw new RegistryProtocolError(`list tags of ${name}: more than ${maxPages} pages`);
      page =
        page.next === undefined
          ? await this.list(name, { n: pageSize, last })
          : await this.#fetch(page.next, name);
    }
  }

  #fetch(url: string, name: string): Promise<TagPage> {
    return this.transport.send('GET', url).then((res) => tagPage(res, `list tags of ${name} (${url})`));
  }
}

function tagPage(res: RawResponse, context: string): TagPage {
  expectStatus(res, [200], context);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new RegistryProtocolError(`${context}: body is not JSON`);
  }
  const { name, tags } = (parsed ?? {}) as { name?: unknown; tags?: unknown };
  const list = tags === null || tags === undefined ? [] : tags;
  if (typeof name !== 'string' || !Array.isArray(list) || !list.every((t) => typeof t === 'string')) {
    throw new RegistryProtocolError(`${context}: body is not {"name": string, "tags": string[]}`);
  }
  const link = nextLink(headerValue(res, 'link'));
  return { name, tags: list, ...(link === undefined ? {} : { next: new URL(link, res.url).href }) };
}

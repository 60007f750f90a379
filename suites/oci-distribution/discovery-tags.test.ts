import { beforeAll, describe, expect, type TestContext } from 'vitest';
import { headerValue, nextLink, type RawResponse } from '../../core/engines/registry/index.js';
import { distTest } from './support/dist-test.js';
import { expectError } from './support/error-body.js';
import { freshImage, pushWhole } from './support/images.js';
import { useRegistry } from './support/registry-env.js';

const env = useRegistry('discovery-tags');
const TAGS = ['b', 'a', 'e', 'c', 'd', 'B', '1.0', 'v2_x'];
const ascii = [...TAGS].sort();
const lexical = [...TAGS].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase()) || (x < y ? -1 : 1));
let pushError: string | undefined;

beforeAll(async () => {
  if (!env.canPush) return;
  const image = freshImage('tagged');
  try {
    for (const tag of TAGS) {
      const res = await pushWhole(env, env.repo, image, tag);
      if (res.status !== 201) throw new Error(`PUT tag ${tag}: ${res.status} ${res.body.toString()}`);
    }
  } catch (err) {
    pushError = (err as Error).message;
  }
});

/** GET tags/list with `query`, after checking the tags were pushed. */
async function list(ctx: TestContext, query: Record<string, string | number> = {}): Promise<RawResponse> {
  if (!env.canPush) ctx.skip('cannot push the tags to list: engine lacks capability registry.push');
  if (pushError) throw new Error(`pushing the tags failed: ${pushError}`);
  return env.client.raw('GET', `/v2/${env.repo}/tags/list`, { query });
}

const tagsOf = (res: RawResponse): string[] =>
  (JSON.parse(res.body.toString()) as { tags: string[] }).tags ?? [];
/** Which of the two orders the spec allows does this registry use (ASCIIbetical or case-insensitive)? */
const ordered = (tags: readonly string[]) =>
  tags.join() === lexical.filter((t) => tags.includes(t)).join() ? lexical : ascii;

describe('listing tags', () => {
  distTest(
    'tags/list: 200 with {name, tags} holding every tag',
    { workflow: 'discovery', requirements: ['dist:discovery.tags.list'] },
    async (ctx) => {
      const res = await list(ctx);
      expect(res.status).toBe(200);
      const body = JSON.parse(res.body.toString()) as { name: string; tags: string[] };
      expect({ name: body.name, tags: [...body.tags].sort() }).toEqual({ name: env.repo, tags: ascii });
    },
  );

  distTest(
    'tags are in lexical or ASCIIbetical order',
    { workflow: 'discovery', requirements: ['dist:discovery.tags.order'] },
    async (ctx) => {
      const tags = tagsOf(await list(ctx));
      expect([ascii, lexical]).toContainEqual(tags);
    },
  );

  distTest(
    '?n=3 returns the first 3 tags (or fewer with a Link header)',
    { workflow: 'discovery', requirements: ['dist:discovery.tags.n'] },
    async (ctx) => {
      const res = await list(ctx, { n: 3 });
      const tags = tagsOf(res);
      const linked = headerValue(res, 'link') !== undefined;
      expect(linked ? tags.length <= 3 : tags.length === 3, `got ${tags.join(',')}`).toBe(true);
      expect(tags).toEqual(ordered(tagsOf(await list(ctx))).slice(0, tags.length));
    },
  );

  distTest(
    '?n=3&last=<third tag> returns the next 3 tags',
    { workflow: 'discovery', requirements: ['dist:discovery.tags.n', 'dist:discovery.tags.last'] },
    async (ctx) => {
      const all = ordered(tagsOf(await list(ctx)));
      const tags = tagsOf(await list(ctx, { n: 3, last: all[2] ?? '' }));
      expect(tags).toEqual(all.slice(3, 6));
    },
  );

  distTest(
    '?last=<tag> alone returns every tag after it',
    { workflow: 'discovery', requirements: ['dist:discovery.tags.last'] },
    async (ctx) => {
      const all = ordered(tagsOf(await list(ctx)));
      expect(tagsOf(await list(ctx, { last: all[4] ?? '' }))).toEqual(all.slice(5));
    },
  );

  distTest(
    '?n=0 returns an empty list and no Link header',
    { workflow: 'discovery', requirements: ['dist:discovery.tags.n-zero'] },
    async (ctx) => {
      const res = await list(ctx, { n: 0 });
      expect({ status: res.status, tags: tagsOf(res), link: headerValue(res, 'link') }).toEqual({
        status: 200,
        tags: [],
        link: undefined,
      });
    },
  );

  distTest(
    'paging with n=3 (Link rel="next" or last=) visits every tag once, no page longer than 3',
    {
      workflow: 'discovery',
      requirements: ['dist:discovery.tags.n', 'dist:discovery.tags.link', 'dist:discovery.tags.last'],
    },
    async (ctx) => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let res = await list(ctx, { n: 3 });
      for (let page = 0; page < 10; page++) {
        expect(res.status).toBe(200);
        const tags = tagsOf(res);
        seen.push(...tags);
        sizes.push(tags.length);
        const link = headerValue(res, 'link');
        const next = nextLink(link);
        if (link !== undefined) expect(next, `Link without rel="next": ${link}`).toBeDefined();
        if (next !== undefined) res = await env.client.raw('GET', new URL(next, res.url).href);
        else if (tags.length === 3) res = await list(ctx, { n: 3, last: tags[2] ?? '' });
        else break;
      }
      expect({ tags: seen, longest: Math.max(...sizes) }).toEqual({ tags: ordered(seen), longest: 3 });
      expect([...seen].sort()).toEqual(ascii);
    },
  );

  distTest(
    'tags/list of a repository that does not exist: 404 NAME_UNKNOWN',
    {
      workflow: 'discovery',
      requirements: ['dist:discovery.tags.not-found', 'dist:errors.code.name-unknown'],
    },
    async () => {
      expectError(await env.client.raw('GET', `/v2/${env.other('absent')}/tags/list`), 404, 'NAME_UNKNOWN');
    },
  );
});

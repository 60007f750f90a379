import { describe, expect } from 'vitest';
import type { RawResponse } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { createContainer, runSigwait, runToExit, suiteContext, withCmd } from './support/index.js';

const ctx = suiteContext();
const tags = ['protocol', 'errors'];

/** The status, and the body is the ErrorResponse object `{"message": string}`. */
function expectError(res: RawResponse, status: number): string {
  expect({ status: res.status, body: res.text().slice(0, 200) }).toMatchObject({ status });
  expect(res.header('content-type')).toMatch(/^application\/json/);
  const body = res.json() as { message?: unknown };
  expectValid('ErrorResponse', body);
  expect(typeof body.message).toBe('string');
  expect(body.message).not.toBe('');
  return body.message as string;
}

const missing = () => `ss-${ctx.runId}-no-such-thing`;

/** One request of an operation, on the name the test gives it. */
interface NamedRequest {
  readonly op: string;
  readonly method: string;
  path(name: string): string;
}

/** Per operation: its request on `name()` answers `status` with an error body. */
function answersError(status: number, name: () => string, requests: readonly NamedRequest[]): void {
  describe.each(requests)('$op', ({ op, method, path }) => {
    conformance(
      `answers ${status} with an error body`,
      { tags, requirements: [`docker-api:${op}`] },
      async () => {
        expectError(await ctx.client.raw(method, path(name())), status);
      },
    );
  });
}

describe('404 for unknown objects', () => {
  answersError(404, missing, [
    { op: 'ContainerInspect', method: 'GET', path: (n: string) => `/containers/${n}/json` },
    { op: 'ContainerStart', method: 'POST', path: (n: string) => `/containers/${n}/start` },
    { op: 'ContainerStop', method: 'POST', path: (n: string) => `/containers/${n}/stop` },
    { op: 'ContainerKill', method: 'POST', path: (n: string) => `/containers/${n}/kill` },
    { op: 'ContainerDelete', method: 'DELETE', path: (n: string) => `/containers/${n}` },
    { op: 'ContainerLogs', method: 'GET', path: (n: string) => `/containers/${n}/logs?stdout=1` },
    { op: 'ContainerWait', method: 'POST', path: (n: string) => `/containers/${n}/wait` },
    { op: 'ContainerRename', method: 'POST', path: (n: string) => `/containers/${n}/rename?name=${n}-x` },
    { op: 'ContainerTop', method: 'GET', path: (n: string) => `/containers/${n}/top` },
    { op: 'ContainerChanges', method: 'GET', path: (n: string) => `/containers/${n}/changes` },
    { op: 'ContainerExport', method: 'GET', path: (n: string) => `/containers/${n}/export` },
    { op: 'ContainerPause', method: 'POST', path: (n: string) => `/containers/${n}/pause` },
    { op: 'ContainerArchive', method: 'GET', path: (n: string) => `/containers/${n}/archive?path=/` },
    { op: 'ImageInspect', method: 'GET', path: (n: string) => `/images/${n}:nope/json` },
    { op: 'ExecInspect', method: 'GET', path: (n: string) => `/exec/${n}/json` },
    { op: 'VolumeInspect', method: 'GET', path: (n: string) => `/volumes/${n}` },
    { op: 'NetworkInspect', method: 'GET', path: (n: string) => `/networks/${n}` },
  ]);

  conformance(
    'creating from an unknown image answers 404 and pulls nothing',
    { tags, requirements: ['docker-api:ContainerCreate'] },
    async () => {
      const name = ctx.uniqueName('noimg');
      ctx.track(name);
      const res = await ctx.client.raw('POST', '/containers/create', {
        query: { name },
        body: { Image: `shipshape-suite/${ctx.runId}-absent:none` },
      });
      expectError(res, 404);
    },
  );
});

describe('400 for a name that is no image reference', () => {
  // dockerd parses the reference before any lookup (distribution/reference grammar: lowercase
  // path components, one separator between them), so a malformed one is a bad request, not a 404.
  const bad = () => `ss-${ctx.runId}-Not:Lower`;
  answersError(400, bad, [
    { op: 'ImageInspect', method: 'GET', path: (n: string) => `/images/${n}/json` },
    { op: 'ImageHistory', method: 'GET', path: (n: string) => `/images/${n}/history` },
    { op: 'ImageDelete', method: 'DELETE', path: (n: string) => `/images/${n}` },
    { op: 'ImageTag', method: 'POST', path: (n: string) => `/images/${n}/tag?repo=ss-tag-target` },
    {
      op: 'ImageList',
      method: 'GET',
      path: (n: string) => `/images/json?filters=${encodeURIComponent(JSON.stringify({ before: [n] }))}`,
    },
  ]);

  conformance(
    'creating from a malformed image reference answers 400 and makes no container',
    { tags, requirements: ['docker-api:ContainerCreate'] },
    async () => {
      const name = ctx.uniqueName('badref');
      ctx.track(name);
      for (const image of [bad(), `ss-${ctx.runId}..double-dot`]) {
        const res = await ctx.client.raw('POST', '/containers/create', {
          query: { name },
          body: { Image: image },
        });
        expect(expectError(res, 400), image).toMatch(/reference/i);
      }
      expect((await ctx.client.raw('GET', `/containers/${name}/json`)).status).toBe(404);
    },
  );
});

describe('304 for no-op state changes', () => {
  conformance(
    'start of a running container answers 304',
    { tags, requirements: ['docker-api:ContainerStart'] },
    async () => {
      const { id } = await runSigwait(ctx);
      const res = await ctx.client.raw('POST', `/containers/${id}/start`);
      expect(res.status).toBe(304);
      expect(res.body.length).toBe(0);
    },
  );

  conformance(
    'stop of a stopped container answers 304',
    { tags, requirements: ['docker-api:ContainerStop'] },
    async () => {
      const { id } = await runToExit(ctx, [withCmd('exit', '0')]);
      const res = await ctx.client.raw('POST', `/containers/${id}/stop`);
      expect(res.status).toBe(304);
    },
  );

  conformance(
    'stop of a created container answers 304',
    { tags, requirements: ['docker-api:ContainerStop'] },
    async () => {
      const { id } = await createContainer(ctx);
      expect((await ctx.client.raw('POST', `/containers/${id}/stop`)).status).toBe(304);
    },
  );
});

describe('409 for conflicts', () => {
  conformance(
    'kill of a stopped container',
    { tags, requirements: ['docker-api:ContainerKill'] },
    async () => {
      const { id } = await runToExit(ctx, [withCmd('exit', '0')]);
      expectError(await ctx.client.raw('POST', `/containers/${id}/kill`), 409);
    },
  );

  conformance(
    'remove of a running container without force',
    { tags, requirements: ['docker-api:ContainerDelete'] },
    async () => {
      const { id } = await runSigwait(ctx);
      expectError(await ctx.client.raw('DELETE', `/containers/${id}`), 409);
      expect((await ctx.client.containers.inspect(id)).State?.Running).toBe(true);
    },
  );

  conformance(
    'create with a name already in use',
    { tags, requirements: ['docker-api:ContainerCreate'] },
    async () => {
      const { name } = await createContainer(ctx);
      const res = await ctx.client.raw('POST', '/containers/create', {
        query: { name },
        body: { Image: ctx.image },
      });
      expect(expectError(res, 409)).toContain(name);
    },
  );

  conformance(
    'rename to a name already in use',
    { tags, requirements: ['docker-api:ContainerRename'] },
    async () => {
      const a = await createContainer(ctx);
      const b = await createContainer(ctx);
      expectError(
        await ctx.client.raw('POST', `/containers/${a.id}/rename`, { query: { name: b.name } }),
        409,
      );
      expect((await ctx.client.containers.inspect(a.id)).Name).toBe(`/${a.name}`);
    },
  );
});

describe('400 for bad parameters', () => {
  /** A create the engine should refuse; tracked anyway, since an engine may accept it. */
  const create = (body: Record<string, unknown>) => {
    const name = ctx.uniqueName('bad');
    ctx.track(name);
    return ctx.client.raw('POST', '/containers/create', {
      query: { name },
      body: { Image: ctx.image, ...body },
    });
  };

  conformance(
    'an invalid restart policy name',
    { tags, requirements: ['docker-api:ContainerCreate'] },
    async () => {
      expectError(await create({ HostConfig: { RestartPolicy: { Name: 'sometimes' } } }), 400);
    },
  );

  conformance('a negative memory limit', { tags, requirements: ['docker-api:ContainerCreate'] }, async () => {
    expectError(await create({ HostConfig: { Memory: -5 } }), 400);
  });

  conformance(
    'a memory limit below the 6 MB minimum',
    { tags, requirements: ['docker-api:ContainerCreate'] },
    async () => {
      expectError(await create({ HostConfig: { Memory: 1024 } }), 400);
    },
  );

  conformance(
    'a container name with invalid characters',
    { tags, requirements: ['docker-api:ContainerCreate'] },
    async () => {
      const res = await ctx.client.raw('POST', '/containers/create', {
        query: { name: 'bad/name with spaces' },
        body: { Image: ctx.image },
      });
      expectError(res, 400);
    },
  );

  conformance(
    'a body that is not JSON is refused with an error body',
    { tags, requirements: ['docker-api:ContainerCreate'] },
    async () => {
      // The spec answers 400 for a bad parameter; dockerd 20.10 answers 500 for a body it cannot decode,
      // so this checks that it is refused with an ErrorResponse and nothing is created.
      const name = ctx.uniqueName('bad');
      ctx.track(name);
      const res = await ctx.client.raw('POST', '/containers/create', {
        query: { name },
        body: '{"Image": ',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.json()).toMatchObject({ message: expect.any(String) });
      expect((await ctx.client.raw('GET', `/containers/${name}/json`)).status).toBe(404);
    },
  );

  conformance(
    'an unknown filter name in ContainerList',
    { tags, requirements: ['docker-api:ContainerList'] },
    async () => {
      const res = await ctx.client.raw('GET', '/containers/json', {
        query: { filters: JSON.stringify({ 'no-such-filter': ['x'] }) },
      });
      expectError(res, 400);
    },
  );

  conformance(
    'filters that are not JSON are refused with an error body',
    { tags, requirements: ['docker-api:ContainerList'] },
    async () => {
      // The spec answers 400 for a bad parameter; dockerd 20.10 answers 500 for malformed JSON here,
      // so this checks only that it is refused with an ErrorResponse.
      const res = await ctx.client.raw('GET', '/containers/json', { query: { filters: '{not json' } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.json()).toMatchObject({ message: expect.any(String) });
    },
  );

  conformance('an invalid kill signal', { tags, requirements: ['docker-api:ContainerKill'] }, async () => {
    const { id } = await runSigwait(ctx);
    expectError(
      await ctx.client.raw('POST', `/containers/${id}/kill`, { query: { signal: 'SIGNOPE' } }),
      400,
    );
    expect((await ctx.client.containers.inspect(id)).State?.Running).toBe(true);
  });

  conformance(
    'a negative memory limit in ContainerUpdate',
    { tags, requirements: ['docker-api:ContainerUpdate'] },
    async () => {
      const { id } = await createContainer(ctx);
      expectError(await ctx.client.raw('POST', `/containers/${id}/update`, { body: { Memory: -5 } }), 400);
    },
  );
});

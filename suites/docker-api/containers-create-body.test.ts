import { describe, expect } from 'vitest';
import type { RawResponse } from '../../core/engines/docker-api/index.js';
import { conformance } from '../support/index.js';
import { type CreateOption, runProbeReport, suiteContext } from './support/index.js';

const ctx = suiteContext();
const create = { tags: ['containers', 'create'], requirements: ['docker-api:ContainerCreate'] };

/** Sets config fields as raw JSON, beyond what the typed ContainerConfig allows (a string Cmd, a null). */
const withRaw =
  (fields: Record<string, unknown>): CreateOption =>
  (s) => {
    Object.assign(s.config, fields);
  };

/** POST /containers/create with this body (the suite image unless it names one); tracked for removal. */
function createRaw(body: Record<string, unknown>): Promise<RawResponse> {
  const name = ctx.uniqueName('body');
  ctx.track(name);
  return ctx.client.raw('POST', '/containers/create', {
    query: { name },
    body: { Image: ctx.image, Labels: { ...ctx.runLabels }, ...body },
  });
}

/** Creates with this body (must answer 201); the inspect document. */
async function createInspect(body: Record<string, unknown>) {
  const res = await createRaw(body);
  expect({ status: res.status, body: res.text().slice(0, 200) }).toMatchObject({ status: 201 });
  const { Id } = res.json() as { Id: string };
  return ctx.client.containers.inspect(Id);
}

/** The message of a 400 ErrorResponse. */
function message400(res: RawResponse): string {
  expect({ status: res.status, body: res.text().slice(0, 200) }).toMatchObject({ status: 400 });
  return (res.json() as { message: string }).message;
}

// ContainerConfig's Cmd, Entrypoint and Shell are moby's strslice: a JSON string is a list of one.
describe('ContainerCreate: a string Cmd, Entrypoint or Shell (ContainerConfig)', () => {
  conformance('a string Cmd is a list of one element, not split at spaces', create, async () => {
    const inspect = await createInspect({ Cmd: 'report argv' });
    expect(inspect.Config?.Cmd).toEqual(['report argv']);
    expect({ Path: inspect.Path, Args: inspect.Args }).toEqual({ Path: '/bin/probe', Args: ['report argv'] });
  });

  conformance('a string Entrypoint is a list of one and runs', create, async () => {
    const report = await runProbeReport(ctx, withRaw({ Entrypoint: '/bin/probe', Cmd: ['report', 'argv'] }));
    expect(report.argv).toEqual(['/bin/probe', 'report', 'argv']);
  });

  conformance('a string Cmd runs as one argument after the image Entrypoint', create, async () => {
    const report = await runProbeReport(ctx, withRaw({ Cmd: 'report' }));
    // `probe report` with no section prints them all; argv shows the one argument.
    expect(report.argv).toEqual(['/bin/probe', 'report']);
  });

  conformance('a string Shell is a list of one', create, async () => {
    const inspect = await createInspect({ Shell: '/bin/sh' });
    expect(inspect.Config?.Shell).toEqual(['/bin/sh']);
  });
});

// dockerd resets an Entrypoint of [""] (what `docker run --entrypoint ""` sends) after taking the
// image defaults: the request's Cmd alone is the command, and the image Cmd is not taken.
describe('ContainerCreate: an Entrypoint of [""] (ContainerConfig)', () => {
  describe.each([{ entrypoint: [''] }, { entrypoint: '' }])('Entrypoint $entrypoint', ({ entrypoint }) => {
    conformance('with a Cmd: Cmd alone is the command', create, async () => {
      const inspect = await createInspect({ Entrypoint: entrypoint, Cmd: ['/bin/probe', 'report', 'argv'] });
      expect(inspect.Config?.Entrypoint ?? null).toBeNull();
      expect({ Path: inspect.Path, Args: inspect.Args }).toEqual({
        Path: '/bin/probe',
        Args: ['report', 'argv'],
      });
      const report = await runProbeReport(
        ctx,
        withRaw({ Entrypoint: entrypoint, Cmd: ['/bin/probe', 'report', 'argv'] }),
      );
      expect(report.argv).toEqual(['/bin/probe', 'report', 'argv']);
    });

    conformance('without a Cmd: refused, nothing to run', create, async () => {
      expect(message400(await createRaw({ Entrypoint: entrypoint }))).toMatch(/no command specified/i);
    });
  });
});

// HealthConfig: a duration is 0 (the default) or at least 1ms; Retries is not negative. dockerd checks
// the request's own Healthcheck at create, before it looks the image up.
describe('ContainerCreate: Healthcheck limits (HealthConfig)', () => {
  const test = ['CMD', '/bin/probe', 'exit', '0'];
  describe.each([
    { field: 'Interval', value: 1, words: 'Interval in Healthcheck cannot be less than 1ms' },
    { field: 'Interval', value: 999_999, words: 'Interval in Healthcheck cannot be less than 1ms' },
    { field: 'Interval', value: -1_000_000, words: 'Interval in Healthcheck cannot be less than 1ms' },
    { field: 'Timeout', value: 5, words: 'Timeout in Healthcheck cannot be less than 1ms' },
    { field: 'StartPeriod', value: 5, words: 'StartPeriod in Healthcheck cannot be less than 1ms' },
    { field: 'Retries', value: -1, words: 'Retries in Healthcheck cannot be negative' },
  ])('$field $value', ({ field, value, words }) => {
    conformance('is refused with a 400', create, async () => {
      expect(message400(await createRaw({ Healthcheck: { Test: test, [field]: value } }))).toContain(words);
    });
  });

  conformance('0 and 1ms are taken and kept as given', create, async () => {
    const healthcheck = { Test: test, Interval: 1_000_000, Timeout: 0, StartPeriod: 1_000_000, Retries: 0 };
    const inspect = await createInspect({ Healthcheck: healthcheck });
    expect(inspect.Config?.Healthcheck).toMatchObject({
      Test: test,
      Interval: 1_000_000,
      StartPeriod: 1_000_000,
    });
  });

  conformance('an empty Test and zero fields are left out of inspect', create, async () => {
    const inspect = await createInspect({
      Healthcheck: { Test: [], Interval: 5_000_000, Timeout: 0, StartPeriod: 0, Retries: 0 },
    });
    expect(inspect.Config?.Healthcheck).toStrictEqual({ Interval: 5_000_000 });
  });

  conformance('the limits are checked before the image is looked up', create, async () => {
    const res = await createRaw({
      Image: `ss-${ctx.runId}-no-such-image:none`,
      Healthcheck: { Test: test, Interval: 1 },
    });
    expect(message400(res)).toContain('Interval in Healthcheck cannot be less than 1ms');
  });
});

// dockerd checks the request's WorkingDir, StopSignal, Env and Healthcheck (in that order) before it
// looks the image up.
describe('ContainerCreate: Env and WorkingDir (ContainerConfig)', () => {
  describe.each([{ env: '=x' }, { env: '' }, { env: '=' }])('Env entry "$env"', ({ env }) => {
    conformance('without a name is refused with a 400', create, async () => {
      const res = await createRaw({ Env: ['A=1', env] });
      expect(message400(res)).toContain(`invalid environment variable: ${env}`);
    });
  });

  conformance('an Env entry without = or with an empty value is taken as given', create, async () => {
    const inspect = await createInspect({ Env: ['NAME_ONLY', 'EMPTY='] });
    expect(inspect.Config?.Env).toEqual(expect.arrayContaining(['NAME_ONLY', 'EMPTY=']));
  });

  conformance('a WorkingDir is cleaned: no .. and no trailing slash', create, async () => {
    const inspect = await createInspect({ WorkingDir: '/srv/../work/dir/' });
    expect(inspect.Config?.WorkingDir).toBe('/work/dir');
  });

  describe.each([
    {
      field: 'WorkingDir',
      body: { WorkingDir: 'rel', Env: ['=x'] },
      words: "the working directory 'rel' is invalid",
    },
    { field: 'StopSignal', body: { StopSignal: 'SIGNOPE', Env: ['=x'] }, words: 'SIGNOPE' },
    {
      field: 'Env',
      body: { Env: ['=x'], Healthcheck: { Interval: 1 } },
      words: 'invalid environment variable: =x',
    },
  ])('a bad $field', ({ body, words }) => {
    conformance('is refused before the image is looked up, in dockerd order', create, async () => {
      const res = await createRaw({ ...body, Image: `ss-${ctx.runId}-no-such-image:none` });
      expect(message400(res)).toContain(words);
    });
  });
});

// Nulls and empty lists stand for "not given": the image defaults apply.
describe('ContainerCreate: null and empty fields (ContainerConfig)', () => {
  conformance(
    'Env, Labels, Cmd and HostConfig null run the image Cmd with the image Env',
    create,
    async () => {
      const report = await runProbeReport(ctx, withRaw({ Env: null, Cmd: null }), (s) => {
        (s as { hostConfig: unknown }).hostConfig = null;
      });
      expect(report.argv).toEqual(['/bin/probe', 'report']);
      expect(report.env?.some((e) => e.startsWith('PATH='))).toBe(true);
      const inspect = await createInspect({ Labels: null, HostConfig: null });
      expect(inspect.Config?.Labels ?? {}).toEqual({});
    },
  );

  conformance('an empty Cmd list takes the image Cmd', create, async () => {
    const inspect = await createInspect({ Cmd: [] });
    expect(inspect.Config?.Cmd).toEqual(['report']);
    expect({ Path: inspect.Path, Args: inspect.Args }).toEqual({ Path: '/bin/probe', Args: ['report'] });
  });
});

// HostConfig as dockerd stores it: a port binding has both fields, PidsLimit 0 or below is "unlimited" (null).
describe('ContainerCreate: HostConfig as stored (HostConfig, PortBinding)', () => {
  conformance('a port binding without fields has HostIp and HostPort ""', create, async () => {
    const inspect = await createInspect({
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{}] } },
    });
    expect(inspect.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '' }] });
  });

  describe.each([{ limit: 0 }, { limit: -1 }])('PidsLimit $limit', ({ limit }) => {
    conformance('is stored as null (unlimited)', create, async () => {
      const inspect = await createInspect({ HostConfig: { PidsLimit: limit } });
      expect(inspect.HostConfig?.PidsLimit ?? null).toBeNull();
    });
  });

  conformance('a positive PidsLimit is kept', create, async () => {
    const inspect = await createInspect({ HostConfig: { PidsLimit: 64 } });
    expect(inspect.HostConfig?.PidsLimit).toBe(64);
  });
});

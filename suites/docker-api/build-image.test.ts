import { describe, expect } from 'vitest';
import { jsonValues, type ProgressMessage } from '../../core/engines/docker-api/index.js';
import { readProbeBinary } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { buildContextTar, removeAfterTest } from './image-sources.js';
import { uniqueRepo } from './images-fixtures.js';
import { runProbeReport, runToExit, suiteContext, withConfig, withNetworkMode } from './support/index.js';

// ImageBuild with the classic builder: a tar build context and a Dockerfile become an image.

const ctx = suiteContext();
const build = { tags: ['build'], requirements: ['docker-api:ImageBuild'], timeout: 90_000 };
const none = withNetworkMode('none');

interface BuildOutcome {
  readonly status: number;
  readonly messages: readonly ProgressMessage[];
  /** The first error message of the stream, or the error body of a refused request. */
  readonly error?: string;
  /** All `stream` output joined. */
  readonly log: string;
}

/** POST /build (classic builder, no network for RUN); every image the stream names is removed afterwards. */
async function buildContext(context: Buffer, query: Record<string, string> = {}): Promise<BuildOutcome> {
  const res = await ctx.client.rawStream('POST', '/build', {
    query: { networkmode: 'none', rm: '1', forcerm: '1', ...query },
    body: context,
    headers: { 'Content-Type': 'application/x-tar' },
    timeoutMs: 60_000,
  });
  const messages: ProgressMessage[] = [];
  for await (const value of jsonValues(res.body)) messages.push(value as ProgressMessage);
  const log = messages.map((m) => m.stream ?? '').join('');
  for (const short of log.matchAll(/---> ([0-9a-f]{12})\b/g)) removeAfterTest(ctx, short[1] as string);
  if (query.t !== undefined) removeAfterTest(ctx, query.t);
  const failure = messages.find((m) => m.error !== undefined || m.errorDetail !== undefined);
  const refused = res.status >= 400 ? (messages[0] as { message?: string } | undefined)?.message : undefined;
  const error = failure?.errorDetail?.message ?? failure?.error ?? refused;
  return error === undefined
    ? { status: res.status, messages, log }
    : { status: res.status, messages, log, error };
}

/** FROM scratch with the probe binary and a marker file copied in, then `lines`. */
async function scratchContext(marker: string, lines: readonly string[]): Promise<Buffer> {
  const dockerfile = ['FROM scratch', 'COPY probe /bin/probe', 'COPY marker /etc/marker', ...lines].join(
    '\n',
  );
  return buildContextTar(`${dockerfile}\n`, { probe: await readProbeBinary(), marker });
}

describe('ImageBuild', () => {
  conformance(
    'FROM scratch + COPY + CMD: the image is tagged and its container runs the CMD',
    build,
    async () => {
      const t = `${uniqueRepo('build')}:v1`;
      const marker = `built by ${ctx.runId}\n`;
      const out = await buildContext(
        await scratchContext(marker, ['CMD ["/bin/probe","read","/etc/marker"]']),
        { t },
      );
      expect({ status: out.status, error: out.error }).toEqual({ status: 200, error: undefined });
      const inspect = await ctx.client.images.inspect(t);
      expect(inspect.Config?.Cmd).toEqual(['/bin/probe', 'read', '/etc/marker']);
      const run = await runToExit(ctx, [withConfig({ Image: inspect.Id }), none]);
      expect(run.exitCode).toBe(0);
      expect(JSON.parse(run.stdout).content).toBe(marker);
    },
  );

  conformance('ENV, WORKDIR, LABEL and ENTRYPOINT reach the config and the process', build, async () => {
    const t = `${uniqueRepo('build')}:config`;
    const lines = [
      'ENV BUILT=yes',
      'WORKDIR /work',
      `LABEL io.shipshape.build=${ctx.runId}`,
      'ENTRYPOINT ["/bin/probe"]',
      'CMD ["report","env","cwd"]',
    ];
    const out = await buildContext(await scratchContext('x', lines), { t });
    expect(out.error).toBeUndefined();
    const inspect = await ctx.client.images.inspect(t);
    expect(inspect.Config?.Labels?.['io.shipshape.build']).toBe(ctx.runId);
    const report = await runProbeReport(ctx, withConfig({ Image: inspect.Id }), none);
    expect(report.env).toContain('BUILT=yes');
    expect(report.cwd).toBe('/work');
  });

  conformance('buildargs fill ARG values', build, async () => {
    const t = `${uniqueRepo('build')}:args`;
    const lines = ['ARG WHO=nobody', 'ENV GREETED=$WHO', 'ENTRYPOINT ["/bin/probe"]', 'CMD ["report","env"]'];
    const buildargs = JSON.stringify({ WHO: `shipper-${ctx.runId}` });
    const out = await buildContext(await scratchContext('x', lines), { t, buildargs });
    expect(out.error).toBeUndefined();
    const report = await runProbeReport(ctx, withConfig({ Image: t }), none);
    expect(report.env).toContain(`GREETED=shipper-${ctx.runId}`);
  });

  conformance('RUN executes in a build container; what it writes is in the image', build, async () => {
    const t = `${uniqueRepo('build')}:run`;
    const lines = [`RUN ["/bin/probe","write","/etc/ran","ran ${ctx.runId}"]`];
    const out = await buildContext(await scratchContext('x', lines), { t });
    expect(out.error).toBeUndefined();
    const run = await runToExit(ctx, [
      withConfig({ Image: t, Entrypoint: ['/bin/probe'], Cmd: ['read', '/etc/ran'] }),
      none,
    ]);
    expect(JSON.parse(run.stdout).content).toBe(`ran ${ctx.runId}`);
  });

  conformance('a RUN that exits non-zero fails the build with its code and tags nothing', build, async () => {
    const t = `${uniqueRepo('build')}:fails`;
    const context = await buildContextTar(`FROM ${ctx.image}\nRUN ["/bin/probe","exit","3"]\n`);
    const out = await buildContext(context, { t });
    expect(out.error ?? '').toMatch(/\b3\b/);
    expect((await ctx.client.raw('GET', `/images/${t}/json`)).status).toBe(404);
  });

  conformance('an unknown Dockerfile instruction is refused', build, async () => {
    const out = await buildContext(await buildContextTar(`FROM ${ctx.image}\nFROBNICATE now\n`));
    expect(out.error ?? '').toMatch(/frobnicate/i);
  });
});

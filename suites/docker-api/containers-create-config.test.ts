import { describe, expect } from 'vitest';
import { conformance } from '../support/index.js';
import {
  createContainer,
  runProbeReport,
  suiteContext,
  withCmd,
  withEntrypoint,
  withEnv,
  withHostname,
  withLabels,
  withOpenStdin,
  withTty,
  withUser,
  withWorkingDir,
} from './support/index.js';

const ctx = suiteContext();
const create = { tags: ['containers', 'create'], requirements: ['docker-api:ContainerCreate'] };

describe('ContainerCreate: Config seen from inside', () => {
  conformance('Env adds to the image env and is what the process gets', create, async () => {
    const report = await runProbeReport(
      ctx,
      withEnv('ALPHA=1', 'SPACED=a b c', 'EMPTY='),
      withCmd('report', 'env'),
    );
    expect(report.env).toEqual(expect.arrayContaining(['ALPHA=1', 'SPACED=a b c', 'EMPTY=']));
    expect(report.env?.some((e) => e.startsWith('PATH='))).toBe(true);
  });

  conformance('Env overrides an image variable of the same name', create, async () => {
    const report = await runProbeReport(ctx, withEnv('PATH=/bin'), withCmd('report', 'env'));
    expect(report.env?.filter((e) => e.startsWith('PATH='))).toEqual(['PATH=/bin']);
  });

  conformance('Cmd replaces the image Cmd and follows the image Entrypoint', create, async () => {
    const report = await runProbeReport(ctx, withCmd('report', 'argv', 'cwd'));
    expect(report.argv).toEqual(['/bin/probe', 'report', 'argv', 'cwd']);
  });

  conformance('Entrypoint replaces the image Entrypoint and Cmd', create, async () => {
    const report = await runProbeReport(ctx, withEntrypoint('/bin/probe', 'report', 'argv'));
    expect(report.argv).toEqual(['/bin/probe', 'report', 'argv']);
  });

  conformance('Entrypoint and Cmd are joined', create, async () => {
    const report = await runProbeReport(ctx, withEntrypoint('/bin/probe', 'report'), withCmd('argv'));
    expect(report.argv).toEqual(['/bin/probe', 'report', 'argv']);
  });

  conformance('WorkingDir is the cwd and is created when missing', create, async () => {
    const report = await runProbeReport(ctx, withWorkingDir('/srv/made/here'), withCmd('report', 'cwd'));
    expect(report.cwd).toBe('/srv/made/here');
  });

  describe.each([
    { user: '1000:1000', uid: 1000, gid: 1000 },
    { user: '4321:8765', uid: 4321, gid: 8765 },
    { user: 'shipper', uid: 1000, gid: 1000 },
    { user: 'nobody', uid: 65534, gid: 65534 },
    { user: '0', uid: 0, gid: 0 },
  ])('User $user', ({ user, uid, gid }) => {
    conformance('sets the process ids', create, async () => {
      const report = await runProbeReport(ctx, withUser(user), withCmd('report', 'user'));
      expect(report.user).toMatchObject({ uid, gid, euid: uid, egid: gid });
    });
  });

  conformance('a User unknown to /etc/passwd fails to start', create, async () => {
    const { id } = await createContainer(ctx, withUser('no-such-user'), withCmd('exit', '0'));
    const res = await ctx.client.raw('POST', `/containers/${id}/start`);
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  conformance('Hostname and Domainname are the UTS names', create, async () => {
    const report = await runProbeReport(
      ctx,
      withHostname('probe-host', 'example.test'),
      withCmd('report', 'hostname', 'domainname'),
    );
    expect(report.hostname).toBe('probe-host');
    expect(report.domainname).toBe('example.test');
  });

  conformance('without Hostname the hostname is the short container id', create, async () => {
    const report = await runProbeReport(ctx, withCmd('report', 'hostname'));
    expect(report.hostname).toMatch(/^[0-9a-f]{12}$/);
  });

  conformance('Tty gives the process a terminal on stdin/stdout/stderr', create, async () => {
    const report = await runProbeReport(ctx, withTty(), withCmd('report', 'tty'));
    expect(report.tty).toEqual({ stdin: true, stdout: true, stderr: true });
  });

  conformance('without Tty no stream is a terminal', create, async () => {
    const report = await runProbeReport(ctx, withCmd('report', 'tty'));
    expect(report.tty).toEqual({ stdin: false, stdout: false, stderr: false });
  });

  conformance('Labels are kept in inspect and list', create, async () => {
    const labels = { 'test.one': '1', 'test.two': 'zwei drei' };
    const { id } = await createContainer(ctx, withLabels(labels), withCmd('exit', '0'));
    const inspect = await ctx.client.containers.inspect(id);
    expect(inspect.Config?.Labels).toMatchObject(labels);
    const [listed] = await ctx.client.containers.list({ all: true, filters: { id: [id] } });
    expect(listed?.Labels).toMatchObject(labels);
  });

  conformance('OpenStdin, AttachStdin and StdinOnce are kept', create, async () => {
    const { id } = await createContainer(ctx, withOpenStdin(), withCmd('exit', '0'));
    const inspect = await ctx.client.containers.inspect(id);
    expect(inspect.Config).toMatchObject({ OpenStdin: true, AttachStdin: true, StdinOnce: true });
  });
});

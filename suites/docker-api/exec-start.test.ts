import { beforeAll, describe, expect } from 'vitest';
import type { ExecCreateRequest } from '../../core/engines/docker-api/index.js';
import { conformance, waitFor } from '../support/index.js';
import { expectValid } from './schemas/index.js';
import { engineStatus, type ProbeReport, suiteContext, withCmd, withNetworkMode } from './support/index.js';
import { fileContainers } from './system-fixtures.js';

const ctx = suiteContext();
const fileContainer = fileContainers(ctx);
const start = { tags: ['exec'], requirements: ['docker-api:ExecStart'], needs: ['exec' as const] };
let running = '';

beforeAll(async () => {
  running = (await fileContainer(true, withCmd('sleep', '120'), withNetworkMode('none'))).id;
});

/** create + attached start + collect; the exec id, its output and its exit code from inspect. */
async function run(config: ExecCreateRequest) {
  const { Id } = await ctx.client.exec.create(running, { AttachStdout: true, AttachStderr: true, ...config });
  const session = await ctx.client.exec.start(Id, { tty: config.Tty === true });
  try {
    const out = await session.collect();
    const inspect = await waitFor(
      async () => {
        const i = await ctx.client.exec.inspect(Id);
        return i.Running === false ? i : false;
      },
      { timeoutMs: 10_000, describe: `exec ${Id} to finish` },
    );
    return { id: Id, stdout: out.stdout.toString('utf8'), stderr: out.stderr.toString('utf8'), inspect };
  } finally {
    session.close();
  }
}

const report = async (config: ExecCreateRequest, ...sections: string[]): Promise<ProbeReport> =>
  JSON.parse((await run({ ...config, Cmd: ['/bin/probe', 'report', ...sections] })).stdout) as ProbeReport;

describe('ExecStart attached', () => {
  conformance('stdout and stderr arrive apart', start, async () => {
    const res = await run({ Cmd: ['/bin/sh', '-c', 'echo to-out; stderr to-err; echo again'] });
    expect(res.stdout).toBe('to-out\nagain\n');
    expect(res.stderr).toBe('to-err\n');
  });

  conformance('the exit code shows in ExecInspect once done', start, async () => {
    const res = await run({ Cmd: ['/bin/probe', 'exit', '7'] });
    expect(res.inspect.ExitCode).toBe(7);
    expect(res.inspect.Running).toBe(false);
  });

  conformance('ExecInspect after the run follows the schema', start, async () => {
    const res = await run({ Cmd: ['/bin/probe', 'echo', 'x'] });
    expectValid('ExecInspect', res.inspect);
    expect(res.inspect.ExitCode).toBe(0);
  });

  conformance('the exec process joins the namespaces of the container PID 1', start, async () => {
    const own = (await report({}, 'namespaces')).namespaces as Record<string, number>;
    for (const ns of ['pid', 'mnt', 'net', 'uts', 'ipc']) {
      const stat = JSON.parse((await run({ Cmd: ['/bin/probe', 'stat', `/proc/1/ns/${ns}`] })).stdout) as {
        stat: { link?: string };
      };
      expect(stat.stat.link, ns).toBe(`${ns}:[${own[ns]}]`);
    }
  });

  conformance('Env adds variables to the container environment', start, async () => {
    const env = (await report({ Env: ['EXEC_ONLY=yes', 'SPACED=a b'] }, 'env')).env ?? [];
    expect(env).toEqual(expect.arrayContaining(['EXEC_ONLY=yes', 'SPACED=a b']));
    expect(env.some((e) => e.startsWith('PATH='))).toBe(true);
  });

  conformance('User sets uid and gid', start, async () => {
    const user = (await report({ User: '1000:1000' }, 'user')).user;
    expect([user?.uid, user?.gid]).toEqual([1000, 1000]);
  });

  conformance('User by name resolves through the image /etc/passwd', start, async () => {
    const user = (await report({ User: 'shipper' }, 'user')).user;
    expect([user?.uid, user?.gid]).toEqual([1000, 1000]);
  });

  conformance('without User the exec runs as the container user (root here)', start, async () => {
    expect((await report({}, 'user')).user?.uid).toBe(0);
  });

  conformance('WorkingDir sets the cwd', start, async () => {
    expect((await report({ WorkingDir: '/tmp' }, 'cwd')).cwd).toBe('/tmp');
  });

  conformance('Tty gives a terminal and raw (not multiplexed) output', start, async () => {
    const { Id } = await ctx.client.exec.create(running, {
      Cmd: ['/bin/probe', 'report', 'tty'],
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
    });
    const conn = await ctx.client.hijack('POST', `/exec/${Id}/start`, { body: { Detach: false, Tty: true } });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of conn.output) chunks.push(chunk);
    } finally {
      conn.socket.destroy();
    }
    const raw = Buffer.concat(chunks);
    expect(raw[0]).toBe('{'.charCodeAt(0));
    const tty = (JSON.parse(raw.toString('utf8').trim()) as ProbeReport).tty;
    expect(tty).toEqual({ stdin: true, stdout: true, stderr: true });
  });

  conformance('with AttachStdin the process reads what is written, until EOF', start, async () => {
    const { Id } = await ctx.client.exec.create(running, {
      Cmd: ['/bin/sh'],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
    });
    const session = await ctx.client.exec.start(Id, { tty: false });
    try {
      await session.write('echo from-stdin\nexit 5\n');
      session.closeStdin();
      const out = await session.collect();
      expect(out.stdout.toString('utf8')).toBe('from-stdin\n');
    } finally {
      session.close();
    }
    const inspect = await waitFor(
      async () => {
        const i = await ctx.client.exec.inspect(Id);
        return i.Running === false ? i : false;
      },
      { timeoutMs: 10_000, describe: 'stdin exec to finish' },
    );
    expect(inspect.ExitCode).toBe(5);
  });
});

describe('ExecStart detached and errors', () => {
  conformance('Detach: true answers at once and the process runs to its end', start, async () => {
    const path = `/tmp/${ctx.uniqueName('detached')}`;
    const { Id } = await ctx.client.exec.create(running, {
      Cmd: ['/bin/probe', 'write', path, 'detached-ran'],
    });
    const res = await ctx.client.raw('POST', `/exec/${Id}/start`, { body: { Detach: true } });
    expect(res.status).toBe(200);
    const inspect = await waitFor(
      async () => {
        const i = await ctx.client.exec.inspect(Id);
        return i.Running === false && i.ExitCode !== null ? i : false;
      },
      { timeoutMs: 10_000, describe: 'detached exec to finish' },
    );
    expect(inspect.ExitCode).toBe(0);
    const read = JSON.parse((await run({ Cmd: ['/bin/probe', 'read', path] })).stdout) as { content: string };
    expect(read.content).toBe('detached-ran');
  });

  conformance('an unknown exec answers 404', start, async () => {
    expect(await engineStatus(ctx.client.exec.startDetached('0'.repeat(64)))).toBe(404);
  });

  conformance('starting an exec a second time answers 409', start, async () => {
    const res = await run({ Cmd: ['/bin/probe', 'exit', '0'] });
    expect(await engineStatus(ctx.client.exec.startDetached(res.id))).toBe(409);
  });
});

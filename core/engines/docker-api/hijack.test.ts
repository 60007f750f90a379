import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.js';
import { DockerApiClient } from './client.js';
import { type FakeEngine, frame, startFakeEngine, type UpgradeHandler } from './testing/fake-engine.js';

const fakes: FakeEngine[] = [];
const clients: DockerApiClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** An exec that echoes stdin back as stdout frames and, once stdin closes, writes a stderr frame and ends. */
function echoExec(head: string, encode: (b: Buffer) => Buffer = (b) => b, last = ''): UpgradeHandler {
  return (_req, socket: Duplex) => {
    socket.write(head);
    socket.on('data', (chunk: Buffer) => socket.write(encode(frame(1, chunk))));
    socket.on('end', () => {
      socket.write(encode(frame(2, 'stdin closed\n')));
      socket.end(last);
    });
  };
}

async function setup(upgrade: UpgradeHandler) {
  const fake = await startFakeEngine({ apiVersion: '1.41', upgrade });
  fakes.push(fake);
  const client = new DockerApiClient(fake.address);
  clients.push(client);
  return { fake, client };
}

describe('hijacked exec start', () => {
  it('speaks the 101 UPGRADED form: stdin in, demuxed output out, half-close ends stdin', async () => {
    const head =
      'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n';
    const { fake, client } = await setup(echoExec(head));
    const session = await client.exec.start('e1', { tty: false });
    expect(session).toMatchObject({ status: 101, upgraded: true });
    await session.write('ping\n');
    session.closeStdin();
    const out = await session.collect();
    expect(out.stdout.toString()).toBe('ping\n');
    expect(out.stderr.toString()).toBe('stdin closed\n');
    expect(fake.requests).toContain('POST /v1.41/exec/e1/start');
  });

  it('accepts the plain 200 raw-stream form, including output sent with the head', async () => {
    const { client } = await setup((_req, socket) => {
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n${frame(1, 'early')}`,
      );
      socket.on('data', () => {});
      socket.on('end', () => socket.end(frame(2, 'bye')));
    });
    const session = await client.exec.start('e2', { tty: false });
    expect(session).toMatchObject({ status: 200, upgraded: false });
    session.closeStdin();
    const out = await session.collect();
    expect(`${out.stdout}|${out.stderr}`).toBe('early|bye');
  });

  it('de-chunks a 200 answer that uses chunked transfer encoding', async () => {
    const chunk = (b: Buffer) =>
      Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    const head =
      'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
    const { client } = await setup(echoExec(head, chunk, '0\r\n\r\n'));
    const session = await client.exec.start('e3', { tty: false });
    await session.write('x');
    session.closeStdin();
    const out = await session.collect();
    expect(out.stdout.toString()).toBe('x');
    expect(out.stderr.toString()).toBe('stdin closed\n');
  });

  it('gives raw output for a tty session', async () => {
    const { client } = await setup((_req, socket) => {
      socket.write('HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n');
      socket.end('raw\r\ntext');
    });
    const out = await (await client.exec.start('e4', { tty: true })).collect();
    expect(out.stdout.toString()).toBe('raw\r\ntext');
  });

  it('turns a 404 with a JSON body into EngineError', async () => {
    const { client } = await setup((_req, socket) => {
      const body = '{"message":"No such exec instance: nope"}';
      socket.end(
        `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
    });
    const err = await client.exec.start('nope', { tty: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ status: 404, engineMessage: 'No such exec instance: nope' });
  });

  it('times out when the engine never sends a head', async () => {
    const { client } = await setup(() => {});
    await expect(client.exec.start('slow', { tty: false, timeoutMs: 200 })).rejects.toThrow(
      /timed out after 200 ms/,
    );
  });
});

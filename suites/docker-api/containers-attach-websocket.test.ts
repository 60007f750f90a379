import { describe, expect } from 'vitest';
import type { HijackedConnection } from '../../core/engines/docker-api/index.js';
import { conformance, waitFor } from '../support/index.js';
import {
  createContainer,
  engineStatus,
  suiteContext,
  withCmd,
  withNetworkMode,
  withOpenStdin,
} from './support/index.js';
import {
  clientFrame,
  WS_OPCODES,
  type WsFrame,
  websocketAccept,
  websocketFrames,
  websocketKey,
} from './websocket-frames.js';

// ContainerAttachWebsocket: attach over a WebSocket upgrade; frames carry the raw output, and stdin.

const ctx = suiteContext();
const ws = {
  tags: ['containers', 'attach', 'websocket'],
  requirements: ['docker-api:ContainerAttachWebsocket'],
};

/** Opens GET /containers/{id}/attach/ws with a WebSocket handshake; checks the accept key. */
async function attachWs(id: string, query: Record<string, string>): Promise<HijackedConnection> {
  const key = websocketKey();
  const conn = await ctx.client.hijack('GET', `/containers/${id}/attach/ws`, {
    query: { stream: '1', ...query },
    headers: {
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': key,
      'Sec-WebSocket-Version': '13',
      Origin: 'http://localhost',
    },
    streamTimeoutMs: 30_000,
  });
  ctx.defer(async () => conn.socket.destroy());
  expect(conn.status).toBe(101);
  expect(conn.headers['sec-websocket-accept']).toBe(websocketAccept(key));
  return conn;
}

/** The data frames of an attach connection as text; one reader per connection, read in turns. */
class WsReader {
  readonly #frames: AsyncIterator<WsFrame>;
  constructor(conn: HijackedConnection) {
    this.#frames = websocketFrames(conn.output)[Symbol.asyncIterator]();
  }

  /** Reads until `until` holds for the text read by this call, or the connection closes; returns that text. */
  async readUntil(until: (text: string) => boolean): Promise<string> {
    let text = '';
    while (!until(text)) {
      const next = await this.#frames.next();
      if (next.done === true || next.value.opcode === WS_OPCODES.close) break;
      if (next.value.opcode !== WS_OPCODES.ping && next.value.opcode !== WS_OPCODES.pong)
        text += next.value.payload.toString('utf8');
    }
    return text;
  }
}

describe('ContainerAttachWebsocket', () => {
  conformance(
    'upgrades with a valid accept key and streams the output of a container started after',
    ws,
    async () => {
      const { id } = await createContainer(
        ctx,
        withCmd('sh', '-c', `echo out-${ctx.runId}; stderr err-${ctx.runId}`),
        withNetworkMode('none'),
      );
      const conn = await attachWs(id, { stdout: '1', stderr: '1' });
      await ctx.client.containers.start(id);
      const text = await new WsReader(conn).readUntil(
        (s) => s.includes(`out-${ctx.runId}\n`) && s.includes(`err-${ctx.runId}\n`),
      );
      expect(text).toContain(`out-${ctx.runId}\n`);
      expect(text).toContain(`err-${ctx.runId}\n`);
      // Raw bytes: no 8-byte stream headers (whose size bytes would put NULs in the text).
      expect(text.includes('\u0000')).toBe(false);
    },
  );

  conformance('with stdin=1 a frame sent reaches the process stdin', ws, async () => {
    const { id } = await createContainer(ctx, withCmd('sh'), withOpenStdin(), withNetworkMode('none'));
    await ctx.client.containers.start(id);
    const conn = await attachWs(id, { stdin: '1', stdout: '1' });
    conn.socket.write(clientFrame(WS_OPCODES.text, Buffer.from(`echo got-${ctx.runId}\n`)));
    const text = await new WsReader(conn).readUntil((s) => s.includes(`got-${ctx.runId}`));
    expect(text).toContain(`got-${ctx.runId}`);
    conn.socket.write(clientFrame(WS_OPCODES.text, Buffer.from('exit 7\n')));
    const state = await waitFor(
      async () => {
        const s = (await ctx.client.containers.inspect(id)).State;
        return s?.Running === false ? s : false;
      },
      { timeoutMs: 15_000, describe: `container ${id} to exit after "exit 7" on stdin` },
    );
    expect(state.ExitCode).toBe(7);
  });

  conformance('an unknown container answers 404', ws, async () => {
    const status = await engineStatus(
      ctx.client.hijack('GET', `/containers/ss-${ctx.runId}-missing/attach/ws`, {
        query: { stream: '1', stdout: '1' },
        headers: {
          Upgrade: 'websocket',
          Connection: 'Upgrade',
          'Sec-WebSocket-Key': websocketKey(),
          'Sec-WebSocket-Version': '13',
        },
      }),
    );
    expect(status).toBe(404);
  });
});

import { writeFile } from 'node:fs/promises';
import { DockerApiClient } from '../../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { EngineError } from '../../../core/errors.js';
import type { ImageEngine, LoadOutcome, ProbeRun } from './engine.js';
import { uniqueName } from './names.js';

const STREAM_MS = 120_000;

/** Collects a streamed body with a cap, so a runaway answer cannot fill memory. */
async function collect(body: AsyncIterable<unknown>, limit = 512 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new Error(`answer larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** dockerd or Podman through the Docker Engine API (load, save, create/start/wait/logs). */
export class DockerApiImageEngine implements ImageEngine {
  readonly family = 'docker-api' as const;
  readonly name: string;
  readonly client: DockerApiClient;

  constructor(engine: EngineDescription) {
    this.name = engine.name;
    this.client = new DockerApiClient(engine, { timeoutMs: 30_000, streamTimeoutMs: STREAM_MS });
  }

  async load(tar: Buffer): Promise<LoadOutcome> {
    try {
      const result = await this.client.images.load(tar);
      return { ok: true, message: result.messages.map((m) => m.stream ?? m.status ?? '').join('') };
    } catch (err) {
      if (err instanceof EngineError) return { ok: false, status: err.status, message: err.engineMessage };
      throw err;
    }
  }

  async find(ref: string): Promise<string | undefined> {
    for (const name of [ref, `localhost/${ref}`]) {
      const res = await this.client.raw('GET', `/images/${name}/json`);
      if (res.status === 200) return name;
      if (res.status !== 404) throw new EngineError(res.status, res.text(), `inspecting image ${name}`);
    }
    return undefined;
  }

  async configDigest(name: string): Promise<string> {
    return (await this.client.images.inspect(name)).Id;
  }

  async run(name: string, args: readonly string[]): Promise<ProbeRun> {
    const { Id } = await this.client.containers.create(uniqueName('run'), {
      Image: name,
      Entrypoint: ['/bin/probe'],
      Cmd: [...args],
      HostConfig: { NetworkMode: 'none' },
    });
    try {
      await this.client.containers.start(Id);
      const { StatusCode } = await this.client.containers.wait(Id, undefined, { timeoutMs: 30_000 });
      const logs = await this.client.containers.logs(Id, { stdout: true, stderr: false });
      return { exitCode: StatusCode, stdout: logs.stdout.toString('utf8') };
    } finally {
      await this.client.containers.remove(Id, { force: true }).catch(() => undefined);
    }
  }

  async save(names: readonly string[], file: string): Promise<void> {
    const path = names.length === 1 ? `/images/${names[0]}/get` : '/images/get';
    const query = names.length === 1 ? {} : { names: [...names] };
    const res = await this.client.rawStream('GET', path, { query, streamTimeoutMs: STREAM_MS });
    const body = await collect(res.body);
    if (res.status !== 200) throw new EngineError(res.status, body.toString('utf8'), `GET ${path}`);
    await writeFile(file, body);
  }

  async remove(ref: string): Promise<void> {
    for (
      let name = await this.find(ref), n = 0;
      name !== undefined && n < 3;
      name = await this.find(ref), n++
    ) {
      const res = await this.client.raw('DELETE', `/images/${name}`, { query: { force: '1' } });
      if (res.status >= 400 && res.status !== 404) {
        throw new EngineError(res.status, res.text(), `removing image ${name}`);
      }
    }
  }

  async alive(): Promise<boolean> {
    return (
      (await this.client.raw('GET', '/_ping', { versioned: false }).catch(() => undefined))?.status === 200
    );
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

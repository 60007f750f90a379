import { writeFile } from 'node:fs/promises';
import { EngineError } from '../../errors.js';
import type { EngineCall, LoadOptions, LoadResult } from '../container-engine/types.js';
import type { DockerApiClient } from './client.js';
import type { RequestBody } from './transport.js';

/** Largest export `saveImages` takes into memory: a runaway answer cannot fill it. */
const SAVE_LIMIT = 512 * 1024 * 1024;

/** POST /images/load; names the engine reports (`Loaded image: …`), IDs left out. */
export async function loadImage(
  docker: DockerApiClient,
  archive: RequestBody,
  opts: LoadOptions = {},
): Promise<LoadResult> {
  const r = await docker.images.load(archive, { timeoutMs: opts.timeoutMs, signal: opts.signal });
  return {
    images: r.loaded.filter((name) => !name.startsWith('sha256:')),
    message: r.messages.map((m) => m.stream ?? m.status ?? '').join(''),
  };
}

/** `ref`, else Podman's `localhost/ref`: the first name GET /images/{name}/json knows. */
export async function findImage(
  docker: DockerApiClient,
  ref: string,
  opts: EngineCall = {},
): Promise<string | undefined> {
  for (const name of [ref, `localhost/${ref}`]) {
    const res = await docker.raw('GET', `/images/${name}/json`, opts);
    if (res.status === 200) return name;
    if (res.status !== 404) throw new EngineError(res.status, res.text(), `inspecting image ${name}`);
  }
  return undefined;
}

/** GET /images/{name}/get for one image (ImageGet), GET /images/get?names=… for several (ImageGetAll). */
export async function saveImages(
  docker: DockerApiClient,
  names: readonly string[],
  file: string,
  opts: EngineCall = {},
): Promise<void> {
  const path = names.length === 1 ? `/images/${names[0]}/get` : '/images/get';
  const query = names.length === 1 ? {} : { names: [...names] };
  const res = await docker.rawStream('GET', path, { ...opts, query });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > SAVE_LIMIT) throw new EngineError(res.status, `answer larger than ${SAVE_LIMIT} bytes`, path);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (res.status !== 200) throw new EngineError(res.status, body.toString('utf8'), `GET ${path}`);
  await writeFile(file, body);
}

/** DELETE /images/{name}; false when the engine answers 404. */
export async function removeImage(
  docker: DockerApiClient,
  name: string,
  opts: EngineCall & { force?: boolean } = {},
): Promise<boolean> {
  try {
    await docker.images.remove(name, opts);
    return true;
  } catch (err) {
    if (err instanceof EngineError && err.status === 404) return false;
    throw err;
  }
}

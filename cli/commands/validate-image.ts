import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { ShipshapeError, usageError } from '../../core/errors.js';
import { runValidateImage } from '../../core/image-validator/validate/command.js';
import { defaultContext } from '../discovery/context.js';
import { discover } from '../discovery/discover.js';
import type { CliIo } from '../io/io.js';

export interface ValidateImageArgs {
  target: string;
  engine?: string;
  json: boolean;
  /** `os/arch[/variant]`: in an index validate only this platform's image. */
  platform?: string;
  /** What cannot be verified (unknown media types, unregistered digests) is a warning, not an error. */
  lenient?: boolean;
}

/** Saves `image` through a Docker-API engine's `GET /images/{name}/get` into `file`. */
async function saveThroughEngine(engine: EngineDescription, image: string, file: string): Promise<void> {
  const docker = new DockerApiClient(engine);
  try {
    await pipeline(await docker.images.save([image]), createWriteStream(file));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ShipshapeError('INVALID_INPUT', `cannot save ${image} through ${engine.name}: ${reason}`, {
      cause: err,
      exitCode: 2,
    });
  } finally {
    await docker.close();
  }
}

async function engineNamed(value: string, io: CliIo): Promise<EngineDescription> {
  const ctx = defaultContext({ engines: [value], runtimes: [], registries: [] }, io.env);
  const { engines } = await discover(ctx, {
    kinds: ['explicit'],
    ...(io.describe ? { describe: io.describe } : {}),
  });
  const engine = engines[0];
  if (engine === undefined) throw usageError(`no engine matches --engine ${value}`);
  if (engine.family !== 'docker-api') {
    throw usageError(
      `--engine ${value} is a ${engine.family} engine; saving an image needs a Docker-API engine`,
    );
  }
  return engine;
}

/**
 * `shipshape validate image TARGET`: an OCI layout directory or tar, a docker-archive tar, an image in a
 * registry (`http://127.0.0.1:5000/app:1`, `127.0.0.1:5000/app@sha256:…`, `https://host/app:1`), or
 * with `--engine E` an image saved through that engine. Exit 0 valid, 1 invalid, 2 unreadable input
 * (also: no manifest for `--platform`, a registry that cannot be reached or refuses the pull).
 */
export async function validateImageCommand(args: ValidateImageArgs, io: CliIo): Promise<number> {
  const output = {
    out: (t: string) => io.stdout.write(`${t}\n`),
    err: (t: string) => io.stderr.write(`${t}\n`),
  };
  const options = {
    json: args.json,
    ...(args.platform === undefined ? {} : { platform: args.platform }),
    ...(args.lenient ? { lenient: true } : {}),
  };
  if (args.engine === undefined) return runValidateImage({ target: args.target, ...options }, output);
  const engine = await engineNamed(args.engine, io);
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-validate-'));
  try {
    const file = join(dir, 'image.tar');
    await saveThroughEngine(engine, args.target, file);
    return await runValidateImage({ target: file, ...options }, output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

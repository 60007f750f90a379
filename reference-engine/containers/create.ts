import { closeSync, openSync } from 'node:fs';
import { InvalidArgument } from '../errors.js';
import { unpackImage } from '../storage/unpack-image.js';
import { anonymousName } from '../volumes/volume-name.js';
import { checkRequestConfig } from './check-config.js';
import { type Ctx, emit, logFile, nowRfc3339Nano, ZERO_TIME } from './context.js';
import { etcPaths, writeEtcFiles } from './etc-files.js';
import { normalizeHostConfig } from './host-config.js';
import { type ImageDefaults, mergeConfig } from './merge-config.js';
import { checkName, generateName, newContainerId } from './names.js';
import { collectMounts } from './oci/parse-mounts.js';
import { isAnonymousVolume, type ResolvedVolumes, resolveVolumes } from './resolve-volumes.js';
import { checkRuntime } from './runtimes.js';
import { stopSignalOf } from './signals.js';
import type { ContainerRecord, CreateRequest, CreateResult } from './types.js';
import { volumesFrom } from './volumes-from.js';

/**
 * Docker create: checks everything that can be checked up front, reserves the name, then writes a
 * record marked `creating` before touching storage, so a crash in the middle is rolled back at the
 * next open (see adopt.ts). Success leaves status 'created' and emits `create`.
 */
export async function createContainer(ctx: Ctx, req: CreateRequest): Promise<CreateResult> {
  const body = req.body;
  if (!body || typeof body !== 'object')
    throw new InvalidArgument('Config cannot be empty in order to create a container');
  if (typeof body.Image !== 'string' || body.Image === '')
    throw new InvalidArgument('Config cannot be empty in order to create a container');
  checkRequestConfig(body); // dockerd checks these before it looks the image up
  const host = normalizeHostConfig(body.HostConfig);
  host.Runtime = checkRuntime(ctx, host.Runtime);
  const image = ctx.opts.images.resolve(body.Image);
  const imageConfig = (await ctx.opts.images.inspect(image.id)).Config as ImageDefaults;
  const id = newContainerId();
  const config = mergeConfig(body, imageConfig, id);
  if (config.StopSignal) stopSignalOf(config.StopSignal);
  const own = collectMounts(host, Object.keys(config.Volumes ?? {}));
  const specs = [...own, ...volumesFrom(host.VolumesFrom, ctx.table, own)];
  const name = req.name ? checkName(req.name) : generateName((n) => ctx.table.nameTaken(n), id);
  ctx.table.reserveName(name, id);
  const dir = ctx.store.containerDir(id);
  const record: ContainerRecord = {
    id,
    name,
    created: nowRfc3339Nano(),
    imageRef: body.Image,
    image: image.id,
    path: '',
    args: [],
    config,
    hostConfig: host,
    state: {
      status: 'created',
      pid: 0,
      exitCode: 0,
      error: '',
      oomKilled: false,
      startedAt: ZERO_TIME,
      finishedAt: ZERO_TIME,
      hasBeenStarted: false,
      manuallyStopped: false,
    },
    restartCount: 0,
    driver: ctx.opts.driver.name,
    snapshotKey: id,
    mounts: [],
    // Named before they exist and saved with the `creating` marker: a crash after making them rolls them back.
    anonymousVolumes: specs.filter(isAnonymousVolume).map(() => anonymousName()),
    ...etcPaths(dir),
    creating: true,
  };
  const [path = '', ...args] = commandParts(config.Entrypoint, config.Cmd);
  record.path = path;
  record.args = args;
  let prepared = false;
  let volumes: ResolvedVolumes | undefined;
  try {
    ctx.store.makeDir(id);
    await ctx.store.save(record); // the `creating` marker
    // One unpack per image at a time: concurrent creates of a fresh image would race for its layers.
    const { top } = await ctx.locks.run(`unpack:${image.id}`, () =>
      unpackImage(ctx.opts.images, ctx.opts.driver, image.id),
    );
    record.topChainId = top;
    await ctx.opts.driver.prepare(id, top);
    prepared = true;
    volumes = await resolveVolumes(specs, ctx.opts.volumes, record.anonymousVolumes);
    record.mounts = volumes.mounts;
    writeEtcFiles(dir, config, host);
    // The json-file log exists from the create on (the shim appends to it): an attach that comes before
    // the start opens it at once and keeps it open, so an AutoRemove right after the exit (`run --rm`)
    // cannot unlink the output before the attach has sent it.
    closeSync(openSync(logFile(ctx, id), 'a', 0o640));
    record.creating = undefined;
    await ctx.store.save(record);
  } catch (err) {
    await rollbackCreate(ctx, record, prepared, {
      anonymous: record.anonymousVolumes, // made or not: removing a missing one is a no-op
      created: volumes?.created ?? [],
    });
    throw err;
  }
  ctx.table.add(record);
  emit(ctx, record, 'create');
  return { id, warnings: [] };
}

function commandParts(entrypoint: string[] | null | undefined, cmd: string[] | null | undefined): string[] {
  const entry = entrypoint?.length === 1 && entrypoint[0] === '' ? [] : (entrypoint ?? []);
  return [...entry, ...(cmd ?? [])];
}

/** Undoes a create that failed (or was cut off by a crash): snapshot, new volumes, directory, name. */
export async function rollbackCreate(
  ctx: Ctx,
  record: ContainerRecord,
  prepared: boolean,
  volumes?: Pick<ResolvedVolumes, 'anonymous' | 'created'>,
): Promise<void> {
  if (prepared) await ctx.opts.driver.remove(record.snapshotKey).catch(() => {});
  for (const name of [...(volumes?.anonymous ?? []), ...(volumes?.created ?? [])])
    await ctx.opts.volumes.remove(name, { force: true }).catch(() => {});
  await ctx.store.removeDir(record.id);
  ctx.table.releaseName(record.name, record.id);
}

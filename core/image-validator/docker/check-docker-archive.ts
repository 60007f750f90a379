import type { Context } from '../context.js';
import { isObject, readJson } from '../read-json.js';
import { defect } from '../rules.js';
import { checkDocument } from '../schema-check.js';
import { archivePath } from '../source/archive-path.js';
import type { FileInfo } from '../source-types.js';

const CONFIG_NAME = /^(?:blobs\/sha256\/)?([a-f0-9]{64})(?:\.json)?$/;

/** `docker save` form: manifest.json entries, their config files (named by digest) and layer tars. */
export function checkDockerArchive(ctx: Context, manifestJson: FileInfo): void {
  const doc = readJson(ctx, manifestJson);
  if (doc === undefined) return;
  ctx.add(...checkDocument('docker-manifest', doc, manifestJson.path));
  if (Array.isArray(doc)) {
    for (const [i, entry] of doc.entries()) checkEntry(ctx, entry, `/${i}`);
  }
  const repositories = ctx.inv.files.get('repositories');
  const repos = repositories && readJson(ctx, repositories);
  if (repositories && repos !== undefined)
    ctx.add(...checkDocument('docker-repositories', repos, repositories.path));
}

function checkEntry(ctx: Context, entry: unknown, pointer: string): void {
  if (!isObject(entry)) return;
  const config = file(ctx, entry.Config, `${pointer}/Config`);
  let diffIds: unknown;
  if (config) {
    const named = CONFIG_NAME.exec(config.path)?.[1];
    if (named !== undefined && `sha256:${named}` !== config.sha256) {
      const message = `config is named for sha256:${named} but its content is ${config.sha256}`;
      ctx.add(defect('docker:config.digest', config.path, message, { blob: config.path }));
    }
    const parsed = readJson(ctx, config);
    if (parsed !== undefined) ctx.add(...checkDocument('config', parsed, config.path));
    diffIds = isObject(parsed) && isObject(parsed.rootfs) ? parsed.rootfs.diff_ids : undefined;
  }
  const layers = (Array.isArray(entry.Layers) ? entry.Layers : []).map((name, j) => {
    const layer = file(ctx, name, `${pointer}/Layers/${j}`);
    if (layer) ctx.addLayer(layer, undefined);
    return layer?.realPath;
  });
  if (config && diffIds !== undefined) {
    ctx.images.push({ diffIds, layers, where: { blob: config.path, pointer: '/rootfs/diff_ids' } });
  }
}

function file(ctx: Context, name: unknown, pointer: string): FileInfo | undefined {
  if (typeof name !== 'string') return undefined;
  const path = archivePath(name);
  const found = path === undefined ? undefined : ctx.inv.files.get(path);
  if (!found)
    ctx.add(
      defect('docker:file.missing', pointer, `${name} is not in the archive`, { blob: 'manifest.json' }),
    );
  return found;
}

import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { defect } from '../rules.js';
import type { FileInfo, ImageSource, Inventory } from '../source-types.js';
import type { Defect, Limits } from '../types.js';
import { archivePath, parentDirs, symlinkTarget } from './archive-path.js';
import { type CaptureBudget, measure } from './measure.js';

const MAX_LINK_HOPS = 16;

interface Link {
  readonly path: string;
  readonly target: string | undefined;
  readonly kind: 'symlink' | 'hardlink';
}

/** A tar (optionally gzip-compressed) holding an OCI layout and/or a `docker save` archive. */
export class TarSource implements ImageSource {
  readonly container = 'tar';

  constructor(
    private readonly file: string,
    private readonly gzipped: boolean,
    private readonly limits: Limits,
    private readonly signal: AbortSignal,
  ) {}

  async scan(): Promise<Inventory> {
    const files = new Map<string, FileInfo>();
    const dirs = new Set<string>();
    const defects: Defect[] = [];
    const links: Link[] = [];
    const budget: CaptureBudget = { remaining: this.limits.maxCapturedBytes, ...this.limits };
    let count = 0;
    try {
      await this.entries(async (name, header, data) => {
        const path = archivePath(name);
        if (path === undefined) {
          defects.push(
            defect('image:layout.symlink', name, 'entry name climbs above the archive root; skipped'),
          );
        } else if (++count > this.limits.maxFiles) {
          defects.push(
            defect('shipshape:limit', path, `more than ${this.limits.maxFiles} entries; rest not read`),
          );
          return false;
        } else if (header.type === 'file' || header.type === 'contiguous-file') {
          files.set(path, await measure(path, path, data, budget, this.signal));
        } else if (header.type === 'directory') {
          dirs.add(path);
        } else if (header.type === 'symlink' || header.type === 'link') {
          const target =
            header.type === 'symlink'
              ? symlinkTarget(path, header.linkname ?? '')
              : archivePath(header.linkname ?? '');
          links.push({ path, target, kind: header.type === 'symlink' ? 'symlink' : 'hardlink' });
        } else {
          defects.push(
            defect('image:layout.file-type', path, `${header.type} entry is not a regular file; not read`),
          );
        }
        return true;
      });
    } catch (err) {
      this.signal.throwIfAborted();
      defects.push(
        defect(
          'image:archive.tar',
          '',
          `archive unreadable after ${count} entries: ${(err as Error).message}`,
        ),
      );
    }
    resolveLinks(links, files, defects);
    for (const path of files.keys()) for (const dir of parentDirs(path)) dirs.add(dir);
    return { files, dirs, defects };
  }

  async stream(realPaths: ReadonlySet<string>, visit: (realPath: string, data: Readable) => Promise<void>) {
    const left = new Set(realPaths);
    let failure: { error: unknown } | undefined;
    await this.entries(async (name, header, data) => {
      const path = archivePath(name);
      if (path === undefined || !left.delete(path) || header.type === 'directory') return left.size > 0;
      await visit(path, data).catch((error: unknown) => {
        failure = { error };
      });
      return left.size > 0 && failure === undefined;
    }).catch(() => this.signal.throwIfAborted()); // an unreadable archive was reported by scan()
    if (failure) throw failure.error;
  }

  /** Walk the entries in order; `each` answers false to stop early. Entry data is drained after `each`. */
  private async entries(
    each: (name: string, header: tar.Header, data: Readable) => Promise<boolean>,
  ): Promise<void> {
    const extract = tar.extract();
    const file = createReadStream(this.file, { signal: this.signal });
    const bytes = this.gzipped ? file.pipe(createGunzip()) : file.pipe(new PassThrough());
    file.on('error', (err) => extract.destroy(err));
    bytes.on('error', (err) => extract.destroy(err));
    bytes.pipe(extract);
    try {
      for await (const entry of extract) {
        this.signal.throwIfAborted();
        const more = await each(entry.header.name, entry.header, entry as unknown as Readable);
        entry.resume();
        if (!more) break;
      }
    } finally {
      file.destroy();
    }
  }
}

/** Point each link at the file it names, inside the archive; report escapes, loops, dangling links. */
function resolveLinks(links: readonly Link[], files: Map<string, FileInfo>, defects: Defect[]): void {
  const byPath = new Map(links.map((l) => [l.path, l]));
  for (const link of links) {
    const say = (why: string) =>
      defects.push(defect('image:layout.symlink', link.path, `${link.kind} ${why}`));
    let target = link.target;
    let hops = 0;
    while (target !== undefined && byPath.has(target) && hops <= MAX_LINK_HOPS) {
      hops++;
      target = byPath.get(target)?.target;
    }
    const found = target === undefined ? undefined : files.get(target);
    if (link.target === undefined) say('points outside the archive; not followed');
    else if (hops > MAX_LINK_HOPS) say('loop; not followed');
    else if (target === undefined) say('chain leaves the archive; not followed');
    else if (found) files.set(link.path, { ...found, path: link.path });
    else say(`target ${target} is not in the archive`);
  }
}

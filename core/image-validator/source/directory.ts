import { createReadStream, type Dirent } from 'node:fs';
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { defect } from '../rules.js';
import type { FileInfo, ImageSource, Inventory } from '../source-types.js';
import type { Defect, Limits } from '../types.js';
import { type CaptureBudget, measure } from './measure.js';

const MAX_DIR_DEPTH = 32;

/** An OCI layout directory. Links are followed only when they stay inside the root. */
export class DirectorySource implements ImageSource {
  readonly container = 'directory';

  constructor(
    private readonly root: string,
    private readonly limits: Limits,
    private readonly signal: AbortSignal,
  ) {}

  async scan(): Promise<Inventory> {
    const files = new Map<string, FileInfo>();
    const dirs = new Set<string>();
    const defects: Defect[] = [];
    const budget: CaptureBudget = { remaining: this.limits.maxCapturedBytes, ...this.limits };
    const pending: { rel: string; depth: number }[] = [{ rel: '', depth: 0 }];
    while (pending.length > 0) {
      const { rel, depth } = pending.shift() as { rel: string; depth: number };
      for (const entry of await readdir(join(this.root, rel), { withFileTypes: true })) {
        this.signal.throwIfAborted();
        const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (files.size >= this.limits.maxFiles) {
          defects.push(
            defect('shipshape:limit', path, `more than ${this.limits.maxFiles} files; rest not read`),
          );
          return { files, dirs, defects };
        }
        if (entry.isDirectory()) {
          dirs.add(path);
          if (depth < MAX_DIR_DEPTH) pending.push({ rel: path, depth: depth + 1 });
          else
            defects.push(defect('shipshape:limit', path, `directory nesting deeper than ${MAX_DIR_DEPTH}`));
        } else if (entry.isFile()) {
          files.set(path, await this.measureFile(path, path, budget));
        } else if (entry.isSymbolicLink()) {
          await this.followLink(path, files, defects, budget);
        } else {
          defects.push(
            defect('image:layout.file-type', path, `${kindOf(entry)} is not a regular file; not read`),
          );
        }
      }
    }
    return { files, dirs, defects };
  }

  async stream(realPaths: ReadonlySet<string>, visit: (realPath: string, data: Readable) => Promise<void>) {
    for (const path of realPaths) {
      this.signal.throwIfAborted();
      await visit(path, createReadStream(join(this.root, path), { signal: this.signal }));
    }
  }

  private measureFile(path: string, realPath: string, budget: CaptureBudget): Promise<FileInfo> {
    const data = createReadStream(join(this.root, realPath), { signal: this.signal });
    return measure(path, realPath, data, budget, this.signal);
  }

  private async followLink(
    path: string,
    files: Map<string, FileInfo>,
    defects: Defect[],
    budget: CaptureBudget,
  ) {
    const abs = join(this.root, path);
    const target = resolve(dirname(abs), await readlink(abs));
    if (!this.inside(target)) {
      defects.push(defect('image:layout.symlink', path, `symlink points outside the layout; not followed`));
      return;
    }
    let real: string;
    try {
      real = await realpath(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ELOOP' ? 'symlink loop' : `symlink does not resolve (${code})`;
      defects.push(defect('image:layout.symlink', path, `${why}; not followed`));
      return;
    }
    if (!this.inside(real)) {
      defects.push(defect('image:layout.symlink', path, `symlink chain leaves the layout; not followed`));
      return;
    }
    const realRel = relative(this.root, real).split(sep).join('/');
    if ((await stat(real)).isFile()) files.set(path, await this.measureFile(path, realRel, budget));
    else defects.push(defect('image:layout.file-type', path, 'symlink to a non-regular file; not followed'));
  }

  private inside(abs: string): boolean {
    const rel = relative(this.root, abs);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep);
  }
}

function kindOf(entry: Dirent): string {
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  return entry.isBlockDevice() || entry.isCharacterDevice() ? 'device' : 'special file';
}

import { posix } from 'node:path';
import { defect } from '../rules.js';
import type { Defect } from '../types.js';

const PREFIX = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** The header fields of one layer entry that the changeset rules look at. */
export interface LayerEntry {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

/**
 * layer.md changeset rules over one layer's entries, fed in archive order. Lifecycle: `add()` each entry,
 * then `finish()` once for the rules that need the whole layer (a whiteout and its target together).
 */
export class ChangesetRules {
  readonly defects: Defect[] = [];
  private readonly present = new Set<string>();
  /** Parent directories of entries (a whiteout of `a` is also in the same layer as `a/b`). */
  private readonly implied = new Set<string>();
  /** Whiteout target path -> the whiteout entry's name. */
  private readonly whiteouts = new Map<string, string>();

  add(entry: LayerEntry): void {
    const path = normalize(entry.name);
    if (path === '') return; // the layer root itself (`./`)
    if (this.present.has(path)) {
      this.report('image:layer.duplicate', entry.name, 'a second entry for the same path');
    }
    this.present.add(path);
    for (let dir = posix.dirname(path); dir !== '.'; dir = posix.dirname(dir)) this.implied.add(dir);
    const base = posix.basename(path);
    if (base.startsWith(PREFIX)) this.whiteout(entry, path, base);
  }

  finish(): Defect[] {
    for (const [target, name] of this.whiteouts) {
      if (this.present.has(target) || this.implied.has(target)) {
        this.report(
          'image:layer.whiteout.same-layer',
          name,
          `whiteout and its target ${target} are in the same layer`,
        );
      }
    }
    return this.defects;
  }

  private whiteout(entry: LayerEntry, path: string, base: string): void {
    if (entry.type !== 'file' && entry.type !== 'contiguous-file') {
      this.report('image:layer.whiteout.type', entry.name, `whiteout is a ${entry.type}, not a regular file`);
    } else if (entry.size > 0) {
      this.report('image:layer.whiteout.empty', entry.name, `whiteout has ${entry.size} bytes of content`);
    }
    if (base === OPAQUE) return;
    if (base === PREFIX) {
      this.report('image:layer.whiteout.name', entry.name, 'whiteout without a basename to delete');
    } else if (base.startsWith(`${PREFIX}${PREFIX}`)) {
      const message = 'unknown whiteout meta-entry (only .wh..wh..opq is defined)';
      this.defects.push(defect('image:layer.whiteout.name', entry.name, message, { severity: 'warning' }));
    } else {
      this.whiteouts.set(posix.join(posix.dirname(path), base.slice(PREFIX.length)), entry.name);
    }
  }

  private report(ruleId: Parameters<typeof defect>[0], name: string, message: string): void {
    this.defects.push(defect(ruleId, name, message));
  }
}

function normalize(name: string): string {
  return posix.normalize(`/${name}`).replace(/\/+$/, '').slice(1);
}

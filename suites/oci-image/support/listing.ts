import type { LayerCase, PathExpectation } from './layer-case.js';
import { CASES_ROOT } from './semantics-image.js';

/** One lstat result as probe prints it (fixtures/README.md, ENTRY). */
export interface ProbeEntry {
  readonly path: string;
  readonly type: string;
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly mtime: { readonly sec: number; readonly nsec: number };
  readonly nlink: number;
  readonly inode: number;
  readonly link?: string;
}

/** What one probe run saw under /cases: the tree, file contents, and stat errors by absolute path. */
export interface CaseListing {
  readonly entries: ReadonlyMap<string, ProbeEntry>;
  readonly contents: ReadonlyMap<string, string>;
  readonly statErrors: ReadonlyMap<string, string>;
}

const abs = (c: LayerCase, path: string) =>
  path === '.' ? `${CASES_ROOT}/${c.name}` : `${CASES_ROOT}/${c.name}/${path}`;

/** One `sh -c` for probe: `tree /cases`, then `read` of each expected content and `stat` of each absent path. */
export function listingCommand(cases: readonly LayerCase[]): string {
  const steps = [`tree ${CASES_ROOT}`];
  for (const c of cases) {
    for (const e of c.expect) {
      if (e.content !== undefined) steps.push(`read ${abs(c, e.path)}`);
      if (e.absent) steps.push(`stat ${abs(c, e.path)}`);
    }
  }
  return steps.join('; ');
}

/** Parses the JSON lines of the listing run. */
export function parseListing(stdout: string): CaseListing {
  const entries = new Map<string, ProbeEntry>();
  const contents = new Map<string, string>();
  const statErrors = new Map<string, string>();
  for (const line of stdout.split('\n').filter((l) => l.trim() !== '')) {
    const doc = JSON.parse(line) as Record<string, unknown>;
    if (Array.isArray(doc.entries)) {
      for (const e of doc.entries as ProbeEntry[]) {
        entries.set(e.path === '.' ? CASES_ROOT : `${CASES_ROOT}/${e.path}`, e);
      }
    } else if (typeof doc.content === 'string') contents.set(String(doc.path), doc.content);
    else if (doc.op === 'stat' && typeof doc.error === 'string') statErrors.set(String(doc.path), doc.error);
  }
  if (!entries.has(CASES_ROOT))
    throw new Error(`no tree of ${CASES_ROOT} in the probe output: ${stdout.slice(0, 500)}`);
  return { entries, contents, statErrors };
}

/** Every way the listing differs from what case `c` expects; empty when it holds. */
export function mismatches(c: LayerCase, listing: CaseListing): string[] {
  return c.expect.flatMap((e) => pathMismatches(c, e, listing));
}

function pathMismatches(c: LayerCase, e: PathExpectation, l: CaseListing): string[] {
  const path = abs(c, e.path);
  const got = l.entries.get(path);
  if (e.absent) {
    const out = got ? [`${path} exists (${got.type}) but must be gone`] : [];
    const error = l.statErrors.get(path);
    // ENOTDIR: a parent on the way is now a file, so the path cannot exist either.
    if (error !== 'ENOENT' && error !== 'ENOTDIR')
      out.push(`stat ${path}: ${error ?? 'succeeded'}, want ENOENT`);
    return out;
  }
  if (!got) return [`${path} is missing`];
  const out: string[] = [];
  const same = (what: string, want: unknown, have: unknown) => {
    if (want !== undefined && want !== have)
      out.push(`${path}: ${what} is ${JSON.stringify(have)}, want ${JSON.stringify(want)}`);
  };
  same('type', e.type, got.type);
  same('mode', e.mode, got.mode);
  same('uid', e.uid, got.uid);
  same('gid', e.gid, got.gid);
  same('link', e.link, got.link);
  same('mtime.sec', e.mtimeSec, got.mtime.sec);
  same('mtime.nsec', e.mtimeNsec, got.mtime.nsec);
  same('nlink', e.nlink, got.nlink);
  if (e.content !== undefined) same('content', e.content, l.contents.get(path));
  if (e.sameInodeAs !== undefined) same('inode', l.entries.get(abs(c, e.sameInodeAs))?.inode, got.inode);
  if (e.children !== undefined) same('children', e.children.join(','), childrenOf(l, path).join(','));
  return out;
}

const childrenOf = (l: CaseListing, dir: string): string[] =>
  [...l.entries.keys()]
    .filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/'))
    .map((p) => p.slice(dir.length + 1))
    .sort();

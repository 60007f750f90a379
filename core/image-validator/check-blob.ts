import { createHash } from 'node:crypto';
import type { Context, Where } from './context.js';
import { isObject } from './read-json.js';
import { defect } from './rules.js';
import { DIGEST_PATTERN, REGISTERED_ENCODINGS } from './schemas/digest.js';
import type { FileInfo } from './source-types.js';

const DIGEST = new RegExp(DIGEST_PATTERN);
const VERIFIABLE = new Set(['sha256', 'sha512']);

/** `blobs/<alg>/<encoded>` for a digest in the grammar, else undefined. */
export function blobPath(digest: unknown): string | undefined {
  if (typeof digest !== 'string' || !DIGEST.test(digest)) return undefined;
  const at = digest.indexOf(':');
  return `blobs/${digest.slice(0, at)}/${digest.slice(at + 1)}`;
}

/**
 * Resolve a descriptor to its blob: warn on an algorithm we cannot verify, report a missing blob, a
 * size mismatch, embedded `data` that differs. (Content vs digest is checked once per blob file.)
 */
export function resolveBlob(ctx: Context, desc: unknown, at: Where): FileInfo | undefined {
  if (!isObject(desc)) return undefined;
  const path = blobPath(desc.digest);
  if (path === undefined) return undefined; // the schema check reported the digest
  const digest = desc.digest as string;
  const algorithm = digest.slice(0, digest.indexOf(':'));
  const where = { blob: at.blob };
  if (!VERIFIABLE.has(algorithm)) {
    const why =
      algorithm in REGISTERED_ENCODINGS ? 'registered but not verifiable here' : 'not a registered algorithm';
    ctx.add(
      defect('image:descriptor.digest.unregistered', `${at.pointer}/digest`, `${algorithm}: ${why}`, where),
    );
  }
  checkData(ctx, desc, at);
  const file = ctx.inv.files.get(path);
  if (!file) {
    const external = Array.isArray(desc.urls) && desc.urls.length > 0;
    const message = `blob ${digest} is not in the ${ctx.inv.place ?? 'layout'}${external ? ' (the descriptor lists urls)' : ''}`;
    ctx.add(
      defect('image:blob.missing', at.pointer, message, {
        ...where,
        severity: external ? 'warning' : 'error',
      }),
    );
    return undefined;
  }
  if (typeof desc.size === 'number' && desc.size !== file.size) {
    ctx.add(
      defect(
        'image:blob.size',
        `${at.pointer}/size`,
        `descriptor says ${desc.size} bytes, blob has ${file.size}`,
        where,
      ),
    );
  }
  return file;
}

function checkData(ctx: Context, desc: Record<string, unknown>, at: Where): void {
  if (typeof desc.data !== 'string') return;
  const bytes = Buffer.from(desc.data, 'base64');
  const algorithm = String(desc.digest).split(':')[0] ?? '';
  if (!VERIFIABLE.has(algorithm)) return;
  const actual = `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
  if (actual !== desc.digest || bytes.length !== desc.size) {
    const message = `embedded data (${bytes.length} bytes, ${actual}) differs from digest/size`;
    ctx.add(defect('image:descriptor.data', `${at.pointer}/data`, message, { blob: at.blob }));
  }
}

/** Every file under blobs/ is named blobs/<alg>/<encoded> and (sha256, sha512) matches that digest. */
export function checkBlobFiles(ctx: Context): void {
  for (const file of ctx.inv.files.values()) {
    if (!file.path.startsWith('blobs/')) continue;
    const parts = file.path.split('/');
    const digest = `${parts[1]}:${parts[2]}`;
    const encoding = REGISTERED_ENCODINGS[parts[1] ?? ''];
    if (parts.length !== 3 || !DIGEST.test(digest) || (encoding && !encoding.test(parts[2] ?? ''))) {
      ctx.add(
        defect('image:layout.blob-name', file.path, 'not blobs/<algorithm>/<encoded> in the digest grammar'),
      );
      continue;
    }
    const actual = parts[1] === 'sha256' ? file.sha256 : parts[1] === 'sha512' ? file.sha512 : undefined;
    if (actual !== undefined && actual !== digest) {
      ctx.add(defect('image:blob.digest', file.path, `content digest is ${actual}, not ${digest}`));
    }
  }
}

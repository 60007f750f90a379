import type { Context } from './context.js';
import { defect } from './rules.js';
import type { FileInfo } from './source-types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parse a captured JSON document; report why not when it cannot be. Undefined means "not readable". */
export function readJson(ctx: Context, file: FileInfo): unknown {
  const { path } = file;
  if (file.content === undefined) {
    if (file.size > ctx.limits.maxDocumentBytes) {
      ctx.add(
        defect('image:json.size', path, `${file.size} bytes exceeds ${ctx.limits.maxDocumentBytes}`, {
          blob: path,
        }),
      );
    } else if (looksLikeJson(file.head)) {
      ctx.add(
        defect('shipshape:limit', path, 'document not kept: the capture budget is spent', { blob: path }),
      );
    } else {
      const start = JSON.stringify(file.head.subarray(0, 8).toString('latin1'));
      ctx.add(
        defect('image:json.syntax', '', `not a JSON object or array (starts ${start})`, { blob: path }),
      );
    }
    return undefined;
  }
  try {
    return JSON.parse(utf8.decode(file.content));
  } catch (err) {
    ctx.add(
      defect('image:json.syntax', '', `not valid UTF-8 JSON: ${(err as Error).message}`, { blob: path }),
    );
    return undefined;
  }
}

function looksLikeJson(head: Buffer): boolean {
  const first = head.toString('latin1').trimStart()[0];
  return first === '{' || first === '[';
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

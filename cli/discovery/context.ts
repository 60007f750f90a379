import { access, constants, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { request } from 'undici';
import type { DiscoveryContext, DiscoveryFlags } from './types.js';

const NO_FLAGS: DiscoveryFlags = { engines: [], runtimes: [], registries: [] };

async function which(name: string, path: string | undefined): Promise<string | undefined> {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    const ok = await access(file, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (ok && (await stat(file)).isFile()) return file;
  }
  return undefined;
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const res = await request(url, {
      method: 'GET',
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump();
    return true;
  } catch {
    return false;
  }
}

/** The real context: process env, PATH lookups, a short HTTP probe. */
export function defaultContext(flags: Partial<DiscoveryFlags> = {}, env = process.env): DiscoveryContext {
  return {
    flags: { ...NO_FLAGS, ...flags },
    env,
    which: (name) => which(name, env.PATH),
    answers: (url) => answers(url, 1500),
    socketExists: (path) =>
      stat(path).then(
        (st) => st.isSocket(),
        () => false,
      ),
  };
}

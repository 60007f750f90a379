import { readFile } from 'node:fs/promises';
import { readTar } from '../../../core/tar/index.js';
import { sha256Digest } from '../../../fixtures/images/blob.js';

/** The digests of the configs a saved archive's manifest.json names (docker save and ctr export both write one). */
export async function savedConfigDigests(file: string): Promise<string[]> {
  const members = await readTar(await readFile(file));
  const byName = new Map(members.map((m) => [m.name.replace(/^\.\//, ''), m.content]));
  const manifest = byName.get('manifest.json');
  if (manifest === undefined) return [];
  const entries = JSON.parse(Buffer.from(manifest).toString('utf8')) as { Config?: string }[];
  return entries.flatMap((e) => {
    const config = e.Config === undefined ? undefined : byName.get(e.Config);
    return config === undefined ? [] : [sha256Digest(config)];
  });
}

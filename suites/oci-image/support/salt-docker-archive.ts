import { readTar, tarBuffer } from '../../../core/tar/index.js';
import { sha256Digest } from '../../../fixtures/images/blob.js';
import { FIXTURE_MTIME_SECONDS, splitRef } from '../../../fixtures/images/index.js';
import { filesToMembers } from '../../../fixtures/images/oci-layout.js';

interface ManifestEntry {
  Config?: string;
  RepoTags?: string[];
  Layers?: string[];
}

const hexOf = (digest: string) => digest.slice('sha256:'.length);

/** The layer tar with one more file, `.shipshape-salt`, holding `salt`. */
async function saltLayer(tar: Buffer, salt: string): Promise<Buffer> {
  const mtime = new Date(FIXTURE_MTIME_SECONDS * 1000);
  return tarBuffer([...(await readTar(tar)), { name: '.shipshape-salt', mtime, content: salt }]);
}

/**
 * A docker-archive made unique to one test: every layer tar gets a salt file (so no engine already
 * holds its layers), config diff_ids follow the salted layers (unknown ones become fresh digests, so a
 * deliberate mismatch or missing layer stays broken), a config named by its digest is renamed to its
 * new digest (a misnamed one keeps its wrong name), and every RepoTag becomes `ref`.
 */
export async function saltDockerArchive(archive: Buffer, ref: string, salt: string): Promise<Buffer> {
  const files = new Map<string, Buffer>();
  for (const m of await readTar(archive)) {
    if (m.type === 'file') files.set(m.name.replace(/^\.\//, ''), m.content);
  }
  const entries = JSON.parse(String(files.get('manifest.json') ?? '[]')) as ManifestEntry[];
  const diffMap = new Map<string, string>();
  for (const path of new Set(entries.flatMap((e) => e.Layers ?? []))) {
    const old = files.get(path);
    if (old === undefined) continue;
    const salted = await saltLayer(old, salt);
    diffMap.set(sha256Digest(old), sha256Digest(salted));
    files.set(path, salted);
  }
  for (const entry of entries) {
    const configPath = entry.Config;
    const bytes = configPath === undefined ? undefined : files.get(configPath);
    if (configPath !== undefined && bytes !== undefined) {
      const config = JSON.parse(bytes.toString('utf8')) as { rootfs?: { diff_ids?: string[] } };
      const ids = config.rootfs?.diff_ids ?? [];
      if (config.rootfs)
        config.rootfs.diff_ids = ids.map((d) => diffMap.get(d) ?? sha256Digest(`${salt} ${d}`));
      const next = Buffer.from(JSON.stringify(config));
      const namedByDigest = configPath === `${hexOf(sha256Digest(bytes))}.json`;
      const nextPath = namedByDigest ? `${hexOf(sha256Digest(next))}.json` : configPath;
      files.delete(configPath);
      files.set(nextPath, next);
      entry.Config = nextPath;
    }
    entry.RepoTags = [ref];
  }
  files.set('manifest.json', Buffer.from(JSON.stringify(entries)));
  const repositories = JSON.parse(String(files.get('repositories') ?? '{}')) as Record<
    string,
    Record<string, string>
  >;
  const top = Object.values(repositories).flatMap((tags) => Object.values(tags))[0];
  if (top !== undefined) {
    const { repository, tag } = splitRef(ref);
    files.set('repositories', Buffer.from(JSON.stringify({ [repository]: { [tag]: top } })));
  }
  return tarBuffer(filesToMembers(files));
}

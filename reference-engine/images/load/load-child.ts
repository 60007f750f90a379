// The image load process: `node load-child.js STAGING PLATFORM_JSON < archive`. It reads a docker-archive
// or OCI layout tar from stdin into a staging content store at STAGING (a directory under the store's
// ROOT/ingest) and verifies its images, as dockerd hands an archive to a re-executed docker-untar: the
// tar parsing, digesting and inflating, their compiled code and their garbage stay out of the daemon,
// and a hostile archive that crashes or bloats this process does not take the daemon with it. Its answer
// is one JSON line on stdout: {"images": VerifiedImage[]} (exit 0) or {"error": {name, message}} (exit 1).
// The daemon adopts the images' blobs and commits the index itself (load-in-child.ts).
import type { Platform } from '../../../spec/oci-image/types.js';
import { ContentStore } from '../content-store/content-store.js';
import type { VerifiedImage } from './build-record.js';
import { stageImages } from './load-images.js';

/** What the load process answers on stdout. */
export type LoadAnswer = { images: VerifiedImage[] } | { error: { name: string; message: string } };

async function stage(staging: string, platform: Platform): Promise<VerifiedImage[]> {
  const content = await ContentStore.open(staging);
  return stageImages(content, process.stdin, content.lease(), platform);
}

const [staging, platform] = process.argv.slice(2);
const answered = (answer: LoadAnswer, code: number) =>
  // stdout is a pipe (synchronous on Linux): once written, exit, also with stdin not read to its end
  process.stdout.write(`${JSON.stringify(answer)}\n`, () => process.exit(code));
if (staging === undefined || platform === undefined) {
  answered({ error: { name: 'Error', message: 'usage: load-child.js STAGING PLATFORM_JSON' } }, 2);
} else {
  stage(staging, JSON.parse(platform) as Platform).then(
    (images) => answered({ images }, 0),
    (err: unknown) => {
      const { name, message } = err instanceof Error ? err : new Error(String(err));
      answered({ error: { name, message } }, 1);
    },
  );
}

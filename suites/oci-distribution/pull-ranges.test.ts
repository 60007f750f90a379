import { describe, expect } from 'vitest';
import { headerValue } from '../../core/engines/registry/index.js';
import { parseByteRanges } from './support/byteranges.js';
import { distTest } from './support/dist-test.js';
import { useRegistry } from './support/registry-env.js';
import type { Seed } from './support/seed.js';

const env = useRegistry('pull-ranges', { seed: true });
const REQ = ['dist:pull.blob.range'];

function layer(seed: Seed): { digest: string; bytes: Buffer } {
  const digest = seed.oci.layers[0]?.digest ?? '';
  return { digest, bytes: seed.oci.blobs.get(digest) ?? Buffer.alloc(0) };
}

const ranged = (digest: string, range: string) =>
  env.client.raw('GET', `/v2/${env.repo}/blobs/${digest}`, { headers: { range } });

describe('ranged blob reads', () => {
  const single: readonly { label: string; range: string; from: (n: number) => [number, number] }[] = [
    { label: 'a closed range', range: 'bytes=5-14', from: () => [5, 14] },
    { label: 'an open-ended range', range: 'bytes=20-', from: (n) => [20, n - 1] },
    { label: 'a suffix range', range: 'bytes=-7', from: (n) => [n - 7, n - 1] },
  ];
  for (const c of single) {
    distTest(
      `${c.label} (${c.range}) answers 206 with Content-Range and those bytes`,
      { workflow: 'pull', requirements: REQ },
      async (ctx) => {
        const { digest, bytes } = layer(env.seed(ctx));
        const [start, end] = c.from(bytes.length);
        const res = await ranged(digest, c.range);
        expect({
          status: res.status,
          contentRange: headerValue(res, 'content-range'),
          length: headerValue(res, 'content-length'),
          body: res.body.toString('latin1'),
        }).toEqual({
          status: 206,
          contentRange: `bytes ${start}-${end}/${bytes.length}`,
          length: String(end - start + 1),
          body: bytes.subarray(start, end + 1).toString('latin1'),
        });
      },
    );
  }

  distTest(
    'several ranges answer 206 multipart/byteranges with each part (or 200 with the whole blob)',
    { workflow: 'pull', requirements: REQ },
    async (ctx) => {
      const { digest, bytes } = layer(env.seed(ctx));
      const res = await ranged(digest, 'bytes=0-3,10-13');
      expect([200, 206]).toContain(res.status);
      if (res.status === 200) {
        expect(res.body.equals(bytes)).toBe(true);
        return;
      }
      const parts = parseByteRanges(headerValue(res, 'content-type'), res.body);
      expect(parts?.map((p) => ({ range: p.contentRange, bytes: p.bytes.toString('latin1') }))).toEqual([
        { range: `bytes 0-3/${bytes.length}`, bytes: bytes.subarray(0, 4).toString('latin1') },
        { range: `bytes 10-13/${bytes.length}`, bytes: bytes.subarray(10, 14).toString('latin1') },
      ]);
    },
  );

  distTest(
    'a range past the end answers 416 with Content-Range: bytes */<size>',
    { workflow: 'pull', requirements: REQ },
    async (ctx) => {
      const { digest, bytes } = layer(env.seed(ctx));
      const res = await ranged(digest, `bytes=${bytes.length + 10}-`);
      expect({ status: res.status, contentRange: headerValue(res, 'content-range') }).toEqual({
        status: 416,
        contentRange: `bytes */${bytes.length}`,
      });
    },
  );

  distTest(
    'the 416 answer is well framed: its body is as long as its Content-Length',
    { workflow: 'pull', requirements: [...REQ, 'dist:api.http-semantics'] },
    async (ctx) => {
      const { digest, bytes } = layer(env.seed(ctx));
      const res = await ranged(digest, `bytes=${bytes.length + 10}-`);
      expect(res.status).toBe(416);
      expect({ declared: headerValue(res, 'content-length'), broken: res.bodyError }).toEqual({
        declared: String(res.body.length),
        broken: undefined,
      });
    },
  );
});

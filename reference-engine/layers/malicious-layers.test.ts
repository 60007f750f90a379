import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSentinel,
  type MaliciousLayer,
  maliciousCorpus,
  type Sentinel,
} from '../../fixtures/malicious-layers/index.js';
import { InvalidArgument } from '../errors.js';
import { applyLayer } from './apply-layer.js';

// The one malicious-layer corpus (fixtures/malicious-layers), applied by our applier: every layer aims
// at a sentinel directory on the host, which must never change. A case with a culprit must be refused
// with InvalidArgument naming it; the others may be applied, inside the root only, or refused.
let sentinel: Sentinel;
let work: string;
let corpus: MaliciousLayer[];

beforeAll(async () => {
  sentinel = createSentinel('evil-applier');
  work = mkdtempSync(join(tmpdir(), 'shipshape-evil-root-'));
  corpus = await maliciousCorpus(sentinel.target);
});
afterAll(() => {
  sentinel.remove();
  rmSync(work, { recursive: true, force: true });
});

const apply = (root: string, c: MaliciousLayer, whiteouts: 'overlay' | 'remove') =>
  applyLayer(root, Readable.from([c.blob]), { whiteouts });

describe('malicious layers never write outside the root', () => {
  for (const whiteouts of ['overlay', 'remove'] as const) {
    it(`refuses every culprit by name and confines the rest (${whiteouts} whiteouts)`, async () => {
      expect(corpus.length).toBeGreaterThanOrEqual(25);
      const wrong: string[] = [];
      for (const c of corpus) {
        const root = join(work, c.id);
        mkdirSync(root);
        try {
          const outcome = await apply(root, c, whiteouts).then(
            () => undefined,
            (err: unknown) => err,
          );
          if (c.culprit !== undefined) {
            const message = String((outcome as Error | undefined)?.message);
            if (!(outcome instanceof InvalidArgument) || !message.includes(c.culprit))
              wrong.push(`${c.id}: ${message.slice(0, 160)}`);
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
        expect(sentinel.changes(), c.id).toEqual([]);
      }
      expect(wrong, 'culprits refused by name with InvalidArgument').toEqual([]);
    });
  }

  it('keeps an absolute path inside the root (leading / stripped, as tar does)', async () => {
    const root = join(work, 'absolute');
    mkdirSync(root);
    try {
      const c = corpus.find((x) => x.id === 'absolute-file') as MaliciousLayer;
      await apply(root, c, 'remove');
      expect(existsSync(join(root, sentinel.target.dir, 'evil-absolute'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(sentinel.changes()).toEqual([]);
  });
});

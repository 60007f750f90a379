import { afterAll, beforeAll, describe, expect } from 'vitest';
import { dockerArchiveTar } from '../../fixtures/images/index.js';
import { conformance, target } from '../support/index.js';
import { req } from './requirements.js';
import { ATTRIBUTE_CASES } from './support/cases-attributes.js';
import { UNION_CASES } from './support/cases-union.js';
import type { LayerCase } from './support/layer-case.js';
import { type CaseListing, listingCommand, mismatches, parseListing } from './support/listing.js';
import { uniqueRef } from './support/names.js';
import { openImageEngine } from './support/open-engine.js';
import { buildSemanticsImage } from './support/semantics-image.js';

// One image holds every crafted case under /cases/<case>/; one probe run lists the tree, reads the
// expected contents and stats the paths that must be gone; each case is then checked on its own.
const engine = openImageEngine(target());
const CASES: readonly LayerCase[] = [...UNION_CASES, ...ATTRIBUTE_CASES];
const ref = uniqueRef('semantics');
let listing: CaseListing | undefined;
let setupError: unknown;

beforeAll(async () => {
  try {
    const image = await buildSemanticsImage(CASES, ref);
    const outcome = await engine.load(await dockerArchiveTar(image, { refs: [ref] }), ref);
    if (!outcome.ok) throw new Error(`${engine.name} refused the semantics image: ${outcome.message}`);
    const name = await engine.find(ref);
    if (name === undefined) throw new Error(`${engine.name} loaded the semantics image but holds no ${ref}`);
    const run = await engine.run(name, ['sh', '-c', listingCommand(CASES)]);
    listing = parseListing(run.stdout);
  } catch (err) {
    setupError = err;
  }
});

afterAll(async () => {
  await engine.remove(ref);
  await engine.close();
});

const listed = (): CaseListing => {
  if (!listing) throw setupError instanceof Error ? setupError : new Error('no listing of /cases');
  return listing;
};

describe('layer changesets applied by the engine (probe tree/read/stat inside the container)', () => {
  for (const c of CASES) {
    conformance(
      c.title,
      { tags: ['oci-image', 'layers', c.area], requirements: req(...c.requirements) },
      () => {
        expect(mismatches(c, listed())).toEqual([]);
      },
    );
  }

  conformance(
    'no whiteout or opaque marker is visible anywhere under /cases',
    { tags: ['oci-image', 'layers', 'whiteout'], requirements: req('image:layer.whiteout.hidden') },
    () => {
      const markers = [...listed().entries.keys()].filter((p) =>
        p.split('/').some((part) => part.startsWith('.wh.')),
      );
      expect(markers).toEqual([]);
    },
  );
});

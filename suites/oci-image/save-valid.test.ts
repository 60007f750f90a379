import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { formatReport, validateImage } from '../../core/image-validator/validate/index.js';
import { conformance, target } from '../support/index.js';
import { req } from './requirements.js';
import {
  type LoadedFixture,
  loadFixtures,
  PROBE_FIXTURES,
  type ProbeFixture,
} from './support/loaded-fixtures.js';
import { openImageEngine } from './support/open-engine.js';
import { savedConfigDigests } from './support/saved-archive.js';

// What an engine saves must be a valid image: the whole-image validator finds no error in it.
const engine = openImageEngine(target());
const containerd = engine.family === 'containerd';
const formatReq = containerd ? ['containerd:images.export', 'image:layout'] : ['image:docker-archive'];
let loaded = new Map<ProbeFixture, LoadedFixture>();
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-oi-save-'));
  loaded = await loadFixtures(engine, PROBE_FIXTURES, 'save');
});

afterAll(async () => {
  for (const { ref } of loaded.values()) await engine.remove(ref);
  await engine.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const fixtureOf = (name: ProbeFixture): LoadedFixture => {
  const f = loaded.get(name);
  if (!f) throw new Error(`${name} was not loaded`);
  return f;
};

/** Saves `names` to a file, validates it, logs warnings; returns the errors and the saved config digests. */
async function saveAndValidate(file: string, names: readonly string[]) {
  const path = join(dir, file);
  await engine.save(names, path);
  const report = await validateImage(path, { timeoutMs: 60_000 });
  const warnings = report.defects.filter((d) => d.severity === 'warning');
  if (warnings.length > 0) {
    console.log(
      `[oci-image] ${engine.name} save of ${names.join(', ')}: ${warnings.length} warning(s)\n${formatReport(report)}`,
    );
  }
  const errors = report.defects.filter((d) => d.severity === 'error');
  return { errors, report, configs: await savedConfigDigests(path) };
}

describe('saving images', () => {
  for (const fixture of PROBE_FIXTURES) {
    const how = containerd ? 'ctr images export' : 'GET /images/{name}/get';
    conformance(
      `the ${fixture} image saved through ${how} is valid and keeps its config digest`,
      {
        tags: ['oci-image', 'save'],
        requirements: req(containerd ? 'containerd:images.export' : 'docker-api:ImageGet', ...formatReq),
        needs: ['images.save'],
      },
      async () => {
        const { image, name } = fixtureOf(fixture);
        const { errors, report, configs } = await saveAndValidate(`${fixture}.tar`, [name]);
        expect(errors, formatReport(report)).toEqual([]);
        expect(configs).toEqual([image.id]);
      },
    );
  }

  conformance(
    containerd
      ? 'three images exported into one archive are valid and all present'
      : 'three images saved through GET /images/get?names=... are valid and all present',
    {
      tags: ['oci-image', 'save'],
      requirements: req(containerd ? 'containerd:images.export' : 'docker-api:ImageGetAll', ...formatReq),
      needs: ['images.save'],
    },
    async () => {
      const all = PROBE_FIXTURES.map(fixtureOf);
      const { errors, report, configs } = await saveAndValidate(
        'all.tar',
        all.map((f) => f.name),
      );
      expect(errors, formatReport(report)).toEqual([]);
      expect(configs.sort()).toEqual(all.map((f) => f.image.id).sort());
    },
  );
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MUTATIONS } from './mutations/index.js';
import { fileOfId, namePattern, vitestConfigFor } from './plan.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const id =
  "docker-api/protocol-errors.test.ts > 404 for unknown objects > 'ContainerKill' > answers 404 with an error body";

describe('namePattern', () => {
  const re = new RegExp(namePattern([id]));
  it("matches vitest's spaced full name and the harness's form with the file", () => {
    expect(re.test("404 for unknown objects 'ContainerKill' answers 404 with an error body")).toBe(true);
    expect(
      re.test(
        "suites/docker-api/protocol-errors.test.ts 404 for unknown objects 'ContainerKill' answers 404 with an error body",
      ),
    ).toBe(true);
  });
  it('does not match a sibling test or another file', () => {
    expect(re.test("404 for unknown objects 'ContainerKill' answers 404 with an error body and more")).toBe(
      false,
    );
    expect(
      re.test(
        "suites/docker-api/other.test.ts 404 for unknown objects 'ContainerKill' answers 404 with an error body x",
      ),
    ).toBe(false);
  });
});

describe('vitestConfigFor', () => {
  it('includes only the files of the ids, once each', () => {
    expect(fileOfId(id)).toBe('suites/docker-api/protocol-errors.test.ts');
    const text = vitestConfigFor([id, id]);
    expect(text.match(/protocol-errors\.test\.ts/g)).toHaveLength(1);
    expect(text).toContain('"name": "suites"');
  });
});

describe('MUTATIONS', () => {
  it('have unique names, a description, and expected tests in existing docker-api files', () => {
    expect(new Set(MUTATIONS.map((m) => m.name)).size).toBe(MUTATIONS.length);
    for (const m of MUTATIONS) {
      expect(m.description.length).toBeGreaterThan(10);
      expect(m.expectFailing.length).toBeGreaterThan(0);
      for (const t of m.expectFailing) {
        expect(t).toMatch(/^docker-api\/[a-z-]+\.test\.ts > .+ > .+$/);
        expect(existsSync(join(root, fileOfId(t))), t).toBe(true);
      }
    }
  });
});

import { expect } from 'vitest';
import type { ImageEngine, LoadOutcome } from './engine.js';

/** The engine refused: an error answer with a message, no image under `ref`, and it still answers. */
export async function expectRefused(engine: ImageEngine, outcome: LoadOutcome, ref: string): Promise<void> {
  expect(outcome.ok, `${engine.name} accepted it: ${outcome.message.trim()}`).toBe(false);
  expect(outcome.message.trim(), 'the refusal carries a message').not.toBe('');
  expect(
    await engine.find(ref),
    `an image ${ref} remains after the refusal (${outcome.message.trim()})`,
  ).toBeUndefined();
  expect(await engine.alive(), `${engine.name} still answers`).toBe(true);
}

/**
 * Informative: whatever the engine chose, it still answers and a refusal has a message; the choice (and
 * whether an image is left under the ref) is logged as an observation for the report.
 */
export async function observeAnswer(
  engine: ImageEngine,
  outcome: LoadOutcome,
  ref: string,
  what: string,
): Promise<void> {
  const held = await engine.find(ref);
  const image = held === undefined ? 'no image' : 'an image';
  const verdict = `${outcome.ok ? 'accepted' : 'refused'} (${image} under the ref afterwards)`;
  console.log(
    `[oci-image] observation: ${engine.name} ${verdict} ${what}: ${outcome.message.trim().split('\n').pop()}`,
  );
  expect(await engine.alive(), `${engine.name} still answers`).toBe(true);
  if (!outcome.ok) expect(outcome.message.trim(), 'the refusal carries a message').not.toBe('');
}

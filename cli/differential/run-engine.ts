import { randomBytes } from 'node:crypto';
import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import type { EngineEndpoint } from '../../core/engines/types.js';
import { type Fixture, fixtureImage } from '../../fixtures/images/index.js';
import { scenarioContext } from './context.js';
import { failed } from './model/capture.js';
import type { CapturedStep, EngineCapture, Scenario } from './model/types.js';
import { normalise } from './normalise.js';
import { SCENARIOS } from './scenarios/index.js';

export interface CaptureOptions {
  readonly scenarios?: readonly Scenario[];
  /** The image loaded for container scenarios; default the `probe` fixture (needs build/probe). */
  readonly fixture?: () => Promise<Fixture>;
  /** Bound for each request; default 30 s. */
  readonly timeoutMs?: number;
  /** The unique part of every name; default 6 random hex digits. */
  readonly token?: string;
}

let probe: Promise<Fixture> | undefined;
const defaultFixture = (): Promise<Fixture> => {
  probe ??= fixtureImage('probe');
  probe.catch(() => {
    probe = undefined;
  });
  return probe;
};

/**
 * Runs every scenario on one engine, in order, and captures each answer with the run's token replaced
 * by `<unique>`. The probe image is loaded first (tagged `shipshape-diff/probe-<token>`); everything a
 * scenario makes is removed after it, and the image at the end. Never throws for engine answers.
 */
export async function captureEngine(
  endpoint: EngineEndpoint,
  opts: CaptureOptions = {},
): Promise<EngineCapture> {
  const client = new DockerApiClient(endpoint, { timeoutMs: opts.timeoutMs ?? 30_000 });
  const token = opts.token ?? randomBytes(3).toString('hex');
  const fixture = opts.fixture ?? defaultFixture;
  const image = `shipshape-diff/probe-${token}:latest`;
  const setup = scenarioContext(client, token, 'setup', image, fixture);
  const notes: string[] = [];
  const scenarios: EngineCapture['scenarios'][number][] = [];
  try {
    const loaded = await setup.loadImage(image);
    if (loaded.status !== 200) notes.push(`loading the probe image: ${loaded.status} ${loaded.error ?? ''}`);
    for (const scenario of opts.scenarios ?? SCENARIOS) {
      const ctx = scenarioContext(client, token, scenario.name, image, fixture);
      const steps: CapturedStep[] = [];
      try {
        for (const step of scenario.steps) {
          const captured = await step.run(ctx).catch((err: unknown) => failed(step.name, err));
          steps.push(normalise({ step: step.name, ...captured }, [token]) as CapturedStep);
        }
      } finally {
        notes.push(...(await ctx.cleanup()));
      }
      scenarios.push({ name: scenario.name, steps });
    }
  } finally {
    notes.push(...(await setup.cleanup()));
    await client.close();
  }
  return { engine: endpoint.name, token, scenarios, notes };
}

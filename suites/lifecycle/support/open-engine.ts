import type { EngineDescription } from '../../../core/engines/types.js';
import { ShipshapeError } from '../../../core/errors.js';
import { ContainerdLifecycle } from './containerd-engine.js';
import { DockerApiLifecycle } from './docker-api-engine.js';
import type { LifecycleEngine } from './engine.js';

/** The adapter for the engine under test (docker-api or containerd). */
export function openLifecycleEngine(target: EngineDescription): LifecycleEngine {
  if (target.family === 'docker-api') return new DockerApiLifecycle(target);
  if (target.family === 'containerd') return new ContainerdLifecycle(target);
  throw new ShipshapeError('INVALID_INPUT', `the lifecycle suite does not apply to ${target.family} engines`);
}

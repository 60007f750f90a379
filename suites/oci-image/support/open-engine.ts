import type { EngineDescription } from '../../../core/engines/types.js';
import { ContainerdImageEngine } from './containerd-engine.js';
import { DockerApiImageEngine } from './docker-api-engine.js';
import type { ImageEngine } from './engine.js';

/** The ImageEngine for the engine under test (docker-api or containerd family). */
export function openImageEngine(engine: EngineDescription): ImageEngine {
  if (engine.family === 'docker-api') return new DockerApiImageEngine(engine);
  if (engine.family === 'containerd') return new ContainerdImageEngine(engine);
  throw new Error(`the oci-image suite does not apply to ${engine.family} engines`);
}

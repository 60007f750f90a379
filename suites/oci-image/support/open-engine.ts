import { openContainerEngine } from '../../../core/engines/families/families.js';
import type { EngineDescription } from '../../../core/engines/types.js';
import { CALL_MS, ImageEngine } from './engine.js';

/** The ImageEngine over the ContainerEngine of the engine under test. */
export const openImageEngine = (engine: EngineDescription): ImageEngine =>
  new ImageEngine(openContainerEngine(engine, { timeoutMs: CALL_MS, streamTimeoutMs: 120_000 }));

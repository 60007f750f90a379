import { describe } from 'vitest';
import type { EngineDescription } from '../../core/engines/types.js';
import { containerBasics } from './container.js';

/** containerd imports the probe image and runs it (`ctr run --rm`), in containerd's words. */
export function containerdBasics(engine: EngineDescription): void {
  describe('containerd', () => {
    containerBasics(engine, {
      load: { title: 'imports the probe image', requirements: ['containerd:images.import'] },
      run: {
        title: 'runs probe, whose report from inside shows root, pid 1 and the image PATH',
        requirements: ['containerd:run'],
      },
      exit: { title: 'propagates the exit code of the task', requirements: ['containerd:run'] },
    });
  });
}

import { afterAll, describe, expect } from 'vitest';
import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { conformance } from '../support/index.js';
import { containerBasics } from './container.js';

/** A Docker-API engine answers _ping (raw HTTP), then the container basics in Docker API words. */
export function dockerApiBasics(engine: EngineDescription): void {
  describe('docker-api', () => {
    const docker = new DockerApiClient(engine);
    afterAll(() => docker.close());

    conformance(
      'answers _ping with OK',
      { tags: ['basics', 'system'], requirements: ['docker-api:SystemPing'] },
      async () => {
        const res = await docker.raw('GET', '/_ping', { versioned: false });
        expect(res.status).toBe(200);
        expect(res.text()).toBe('OK');
      },
    );

    containerBasics(engine, {
      load: {
        title: 'loads the probe image with its config digest as the image id',
        requirements: ['docker-api:ImageLoad', 'docker-api:ImageInspect'],
      },
      run: {
        title:
          'runs probe, whose report from inside shows root, pid 1, the image PATH and the container hostname',
        requirements: ['docker-api:ContainerCreate', 'docker-api:ContainerLogs'],
      },
      exit: {
        title: 'propagates the exit code of the container process to wait',
        requirements: ['docker-api:ContainerWait'],
      },
      checkRun: (report, run) => {
        expect(report.hostname).toBe(run.id.slice(0, 12));
        expect(report.cwd).toBe('/');
      },
    });
  });
}

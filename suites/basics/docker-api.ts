import { afterAll, beforeAll, describe, expect } from 'vitest';
import { DockerApiClient } from '../../core/engines/docker-api/index.js';
import type { EngineDescription } from '../../core/engines/types.js';
import { fixtureImage, type LoadedImage, loadIntoDockerApi } from '../../fixtures/images/index.js';
import { conformance } from '../support/index.js';
import { expectContainerBasics, parseReport, uniqueSuffix } from './probe-report.js';

/** A Docker-API engine answers, loads the probe image and runs it; probe's report is checked from inside. */
export function dockerApiBasics(engine: EngineDescription): void {
  describe('docker-api', () => {
    const docker = new DockerApiClient(engine);
    const made: string[] = [];
    let image: LoadedImage;
    let imageRef = '';

    beforeAll(async () => {
      const fixture = await fixtureImage('probe');
      image = await loadIntoDockerApi({ loadImage: (tar) => docker.images.load(tar) }, fixture, {
        ref: `shipshape-basics/probe:${uniqueSuffix()}`,
      });
      imageRef = (await docker.images.inspect(image.ref).catch(() => undefined))
        ? image.ref
        : `localhost/${image.ref}`;
    });

    afterAll(async () => {
      for (const id of made) await docker.containers.remove(id, { force: true }).catch(() => undefined);
      if (imageRef) await docker.images.remove(imageRef, { force: true }).catch(() => undefined);
      await docker.close();
    });

    const runToExit = async (cmd: string[]) => {
      const { Id } = await docker.containers.create(undefined, {
        Image: imageRef,
        Cmd: cmd,
        HostConfig: { NetworkMode: 'none' },
      });
      made.push(Id);
      await docker.containers.start(Id);
      const { StatusCode } = await docker.containers.wait(Id);
      const logs = await docker.containers.logs(Id, { stdout: true, stderr: true });
      return { id: Id, status: StatusCode, stdout: logs.stdout.toString() };
    };

    conformance(
      'answers _ping with OK',
      { tags: ['basics', 'system'], requirements: ['docker-api:SystemPing'] },
      async () => {
        const res = await docker.raw('GET', '/_ping', { versioned: false });
        expect(res.status).toBe(200);
        expect(res.text()).toBe('OK');
      },
    );

    conformance(
      'loads the probe image with its config digest as the image id',
      { tags: ['basics', 'images'], requirements: ['docker-api:ImageLoad', 'docker-api:ImageInspect'] },
      async () => {
        const inspect = await docker.images.inspect(imageRef);
        expect(inspect.Id).toBe(image.id);
      },
    );

    conformance(
      'runs probe, whose report from inside shows root, pid 1, the image PATH and the container hostname',
      {
        tags: ['basics', 'containers'],
        requirements: ['docker-api:ContainerCreate', 'docker-api:ContainerLogs'],
      },
      async () => {
        const run = await runToExit(['report']);
        expect(run.status).toBe(0);
        const report = parseReport(run.stdout);
        expectContainerBasics(report, ['/bin/probe', 'report']);
        expect(report.hostname).toBe(run.id.slice(0, 12));
        expect(report.cwd).toBe('/');
      },
    );

    conformance(
      'propagates the exit code of the container process to wait',
      { tags: ['basics', 'containers'], requirements: ['docker-api:ContainerWait'] },
      async () => {
        expect((await runToExit(['exit', '3'])).status).toBe(3);
      },
    );
  });
}

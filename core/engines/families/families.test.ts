import { describe, expect, it } from 'vitest';
import { lackingReason } from '../capabilities.js';
import { ContainerdEngine } from '../containerd/container-engine.js';
import { DockerApiEngine } from '../docker-api/container-engine.js';
import type { EngineDescription, EngineFamily } from '../types.js';
import { CONTAINER_FAMILIES, ENGINE_FAMILIES, isContainerFamily, openContainerEngine } from './families.js';

const endpoint = (family: EngineFamily) => ({
  name: `a-${family}`,
  family,
  address: 'unix:///x.sock',
  source: 't',
});

describe('engine families', () => {
  it('registers every family, and the container engine of those that run containers', async () => {
    expect(ENGINE_FAMILIES).toEqual(['docker-api', 'containerd', 'runtime-cli', 'registry']);
    expect(CONTAINER_FAMILIES).toEqual(['docker-api', 'containerd']);
    expect(isContainerFamily('registry')).toBe(false);
    const docker = openContainerEngine(endpoint('docker-api'));
    const containerd = openContainerEngine(endpoint('containerd'));
    expect(docker).toBeInstanceOf(DockerApiEngine);
    expect(containerd).toBeInstanceOf(ContainerdEngine);
    expect([docker.name, containerd.family]).toEqual(['a-docker-api', 'containerd']);
    await Promise.all([docker.close(), containerd.close()]);
    expect(() => openContainerEngine(endpoint('runtime-cli'))).toThrow(
      /runtime-cli engine: it runs no containers/,
    );
  });
});

describe('lackingReason', () => {
  const engine: EngineDescription = {
    ...endpoint('containerd'),
    product: 'p',
    version: '1',
    capabilities: ['containers', 'pause'],
    lacks: { 'containers.init': 'no init here' },
  };
  it('is undefined when every capability is declared', () => {
    expect(lackingReason(engine, [])).toBeUndefined();
    expect(lackingReason(engine, ['pause', 'containers'])).toBeUndefined();
  });
  it('names the engine, each missing capability and why, when the description says', () => {
    expect(lackingReason(engine, ['pause', 'containers.init', 'exec'])).toBe(
      'a-containerd lacks capability containers.init: no init here; a-containerd lacks capability exec',
    );
  });
});

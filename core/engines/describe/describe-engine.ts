import { describeContainerd } from '../containerd/describe.js';
import { describeDockerApi } from '../docker-api/describe.js';
import { describeRegistry } from '../registry/describe.js';
import { describeRuntimeCli } from '../runtime-cli/describe.js';
import type { EngineDescription, EngineEndpoint, EngineFamily } from '../types.js';

export interface DescribeOptions {
  timeoutMs?: number;
}

/** Turns an endpoint into a description; injected wherever tests need a fake. */
export type DescribeFn = (endpoint: EngineEndpoint, opts?: DescribeOptions) => Promise<EngineDescription>;

const BY_FAMILY: Record<EngineFamily, DescribeFn> = {
  'docker-api': describeDockerApi,
  containerd: describeContainerd,
  'runtime-cli': describeRuntimeCli,
  registry: describeRegistry,
};

/** Asks the engine behind `endpoint` what it is, with the client of its family. */
export const describeEngine: DescribeFn = (endpoint, opts) => BY_FAMILY[endpoint.family](endpoint, opts);

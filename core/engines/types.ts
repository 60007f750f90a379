/**
 * The engine seam. Discovery yields EngineEndpoints; `describeEngine` turns one into an EngineDescription
 * (product, version, capabilities). Suites receive the endpoint of the engine under test and build the
 * matching client from it, so a suite is written once against an interface and runs on any engine.
 */
export type EngineFamily = 'docker-api' | 'containerd' | 'runtime-cli' | 'registry';

/** A capability gates tests: a test that needs one the engine lacks is skipped with that reason. */
export type Capability =
  | 'containers'
  | 'images.load'
  | 'images.save'
  | 'exec'
  | 'pause'
  | 'logs'
  | 'events'
  | 'volumes'
  | 'networks'
  | 'live-restore'
  | 'runtime.features'
  | 'runtime.console-socket'
  /** Seccomp filters work: not declared off by `features` (linux.seccomp.enabled). */
  | 'runtime.seccomp'
  | 'registry.push'
  | 'registry.delete'
  | 'registry.referrers';

export interface EngineEndpoint {
  /** Short unique name used in reports and expectation files: docker, podman, containerd, runc, crun, registry. */
  readonly name: string;
  readonly family: EngineFamily;
  /** unix:///path, tcp://host:port, http://host:port, or an executable path for runtime CLIs. */
  readonly address: string;
  /** Which discovery strategy found it (flag, DOCKER_HOST, well-known socket, PATH, ...). */
  readonly source: string;
  /** Extra global CLI flags (runtime-cli) or a containerd namespace. */
  readonly args?: readonly string[];
}

export interface EngineDescription extends EngineEndpoint {
  readonly product: string;
  readonly version: string;
  /** Negotiated API version for docker-api engines. */
  readonly apiVersion?: string;
  readonly capabilities: readonly Capability[];
}

/** A probed candidate that could not be used, kept so `shipshape engines` can say why. */
export interface Unreachable {
  readonly name: string;
  readonly family: EngineFamily;
  readonly address: string;
  readonly source: string;
  readonly reason: string;
}

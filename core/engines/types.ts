/**
 * The engine seam. Discovery yields EngineEndpoints; `describeEngine` turns one into an EngineDescription
 * (product, version, capabilities and why it lacks others). Suites and benchmarks receive the description
 * of the engine under test and open its family's ContainerEngine (`openContainerEngine`, families/) or,
 * for runtime CLIs and registries, the family's own client; so a suite is written once and runs on any
 * engine. Every family is registered once, in families/families.ts.
 */
export type EngineFamily = 'docker-api' | 'containerd' | 'runtime-cli' | 'registry';

/**
 * A capability gates tests and benchmarks: the only way one skips on an engine. A test that needs one the
 * engine lacks is skipped with a reason naming the engine, the capability and why (`lacks` below).
 */
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
  /** Stop with a grace period done by the engine: the stop signal, then SIGKILL after the timeout. */
  | 'containers.stop-timeout'
  /** Restart policies (Docker HostConfig.RestartPolicy). */
  | 'containers.restart-policy'
  /** A container removed by the engine once it exits (Docker HostConfig.AutoRemove, wait `removed`). */
  | 'containers.auto-remove'
  /** An init process as PID 1 (Docker HostConfig.Init). */
  | 'containers.init'
  /** Healthchecks run by the engine (Docker Config.Healthcheck, State.Health, the `health` list filter). */
  | 'containers.healthcheck'
  /** Inspect reports the exit code of an exited container by itself. */
  | 'containers.exit-code'
  /** A refused operation answers with an HTTP status a test can check (409 Conflict, 404 ...). */
  | 'errors.http-status'
  | 'runtime.features'
  | 'runtime.console-socket'
  /** Seccomp filters work: not declared off by `features` (linux.seccomp.enabled). */
  | 'runtime.seccomp'
  /** Containers get a default seccomp profile when none is asked for (Docker's `default` profile). */
  | 'seccomp.default-profile'
  /** `checkpoint`/`restore` work: the runtime has the commands and CRIU is installed. */
  | 'runtime.checkpoint'
  /** `--systemd-cgroup` can work: the runtime has the flag and systemd runs this host. */
  | 'runtime.systemd-cgroup'
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
  /**
   * A shell command that restarts the engine's daemon and returns once the old process is gone, when the
   * harness that started the daemon knows one (the embedded shipd); tests of daemon restarts use it.
   */
  readonly restartCommand?: string;
}

export interface EngineDescription extends EngineEndpoint {
  readonly product: string;
  readonly version: string;
  /** Negotiated API version for docker-api engines. */
  readonly apiVersion?: string;
  readonly capabilities: readonly Capability[];
  /** Why the engine lacks a capability, for those whose reason is known; skip messages quote it. */
  readonly lacks?: Readonly<Partial<Record<Capability, string>>>;
}

export interface DescribeOptions {
  timeoutMs?: number;
}

/** Turns an endpoint into a description; injected wherever tests need a fake. */
export type DescribeFn = (endpoint: EngineEndpoint, opts?: DescribeOptions) => Promise<EngineDescription>;

/** A probed candidate that could not be used, kept so `shipshape engines` can say why. */
export interface Unreachable {
  readonly name: string;
  readonly family: EngineFamily;
  readonly address: string;
  readonly source: string;
  readonly reason: string;
}

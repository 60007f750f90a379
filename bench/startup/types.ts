import type { SuiteSettings } from '../plan/profile.js';
import type { CalibrationRecorder } from '../runner/calibration.js';
import type { IterationContext } from '../runner/types.js';
import type { PidLookup } from './daemon-pid.js';

/** `lifecycle`: create, start, wait for exit, delete, each a phase. `run`: one `run` call end-to-end. */
export type StartupMode = 'lifecycle' | 'run';
export type ImageSize = 'small' | 'large';
export type NetworkMode = 'none' | 'bridge';

export interface StartupOptions {
  readonly image: ImageSize;
  readonly network: NetworkMode;
}

/**
 * One engine's way of starting a container that exits 0 at once. Lifecycle: `prepare()` once, untimed
 * (load the image, write the bundle) -> `iterate()` any number of times, also concurrently, each making
 * and removing its own container -> `cleanup()` once, always (removes leftovers and the image).
 */
export interface StartupDriver {
  readonly engine: string;
  readonly modes: readonly StartupMode[];
  prepare(signal: AbortSignal): Promise<void>;
  iterate(mode: StartupMode, ctx: IterationContext): Promise<void>;
  cleanup(): Promise<void>;
  /** Where the daemon is, for CPU and RSS; runtime CLIs have none. */
  daemon(): Promise<PidLookup>;
}

export interface StartupSettings extends SuiteSettings, StartupOptions {
  readonly concurrency: readonly number[];
  /** When set, the host reference workload runs after every measured iteration (see bench/README.md). */
  readonly calibration?: CalibrationRecorder;
}

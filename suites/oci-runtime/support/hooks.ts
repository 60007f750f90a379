import { chmod, copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleOption } from '../../../core/engines/runtime-cli/bundle.js';
import { withHook } from '../../../core/engines/runtime-cli/bundle.js';
import type { OciHook, OciHookKind } from '../../../spec/oci-runtime.js';
import { hostDir, withHostDir } from './probe-bundle.js';

/** Static busybox on the host: hooks run it (the probe has no redirections). */
export const HOST_BUSYBOX = '/bin/busybox';
/**
 * Where container-side hooks find busybox: a directory the host does not have, so it resolves only
 * inside. (The file must be named `busybox`: busybox picks the applet from argv[0].)
 */
export const CONTAINER_HOOKBOX = '/hookbin/busybox';
/** Where the recorder's directory is bind-mounted in the container. */
export const CONTAINER_HOOK_DIR = '/hooks';

/** One line a hook appended: who ran, where, what it saw. */
export interface HookRecord {
  readonly name: string;
  /** `mnt:[...]` of the hook process. */
  readonly mntNs: string;
  readonly hostname: string;
  /** readlink of /proc/<state pid>/exe as the hook saw it ('' when unreadable). */
  readonly exe: string;
  /** The state JSON read from stdin, parsed (undefined when it was not JSON). */
  readonly state: Record<string, unknown> | undefined;
  readonly rawState: string;
  /** The hook's own argv[1..] and $HOOK_ENV, to check args/env passing. */
  readonly args: string;
  readonly env: string;
}

export interface HookBehaviour {
  /** Name written in the log (default: the hook kind). */
  readonly name?: string;
  /** Exit with this status after logging. */
  readonly exitCode?: number;
  /** Become `sleep SECONDS` (exec, so killing the hook kills the sleep) instead of logging. */
  readonly hangSeconds?: number;
  /** The hook's `timeout` field. */
  readonly timeout?: number;
  readonly extraArgs?: readonly string[];
  readonly extraEnv?: readonly string[];
}

const SCRIPT = [
  'B=$BB',
  'test -n "$HANG" && exec $B sleep "$HANG"',
  's=$($B cat | $B tr -d "\\n")',
  'pid=$(echo "$s" | $B sed -n "s/.*\\"pid\\": *\\([0-9]*\\).*/\\1/p")',
  'test -z "$pid" && pid=0',
  'exe=$($B readlink "/proc/$pid/exe" 2>/dev/null)',
  'printf "%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n" "$NAME" "$($B readlink /proc/self/ns/mnt)" "$($B hostname)" "$exe" "$*" "$HOOK_ENV" "$s" >> "$LOG"',
  'test -z "$CODE" && CODE=0',
  'exit "$CODE"',
].join('\n');

/**
 * Hooks that append one tab-separated line each to a log in a fresh host directory. Lifecycle:
 * `await hookRecorder()` -> add `recorder.on(kind, ...)` options (plus `recorder.mount` and
 * `recorder.rootfs` for container-side hooks) to the bundle -> run the container -> `records()`.
 */
export class HookRecorder {
  private constructor(
    readonly dir: string,
    readonly hostBox: string,
  ) {}

  static async create(): Promise<HookRecorder> {
    const dir = await hostDir('hooks');
    await mkdir(join(dir, 'bin'));
    const box = join(dir, 'bin', 'busybox');
    await copyFile(HOST_BUSYBOX, box);
    await chmod(box, 0o755);
    return new HookRecorder(dir, box);
  }

  get log(): string {
    return join(this.dir, 'log');
  }

  /** Rootfs extras for container-side hooks: busybox at CONTAINER_HOOKBOX. */
  get rootfs(): { binaries: Record<string, string> } {
    return { binaries: { [CONTAINER_HOOKBOX]: HOST_BUSYBOX } };
  }

  /** Bind-mounts the log directory at CONTAINER_HOOK_DIR (needed by container-side hooks). */
  get mount(): BundleOption {
    return withHostDir(this.dir, CONTAINER_HOOK_DIR);
  }

  /** The hook entry: host-side unless `inContainer`, in which case paths are the container's. */
  hook(kind: OciHookKind, b: HookBehaviour = {}, inContainer = false): OciHook {
    const env = [
      `BB=${inContainer ? CONTAINER_HOOKBOX : this.hostBox}`,
      `LOG=${inContainer ? `${CONTAINER_HOOK_DIR}/log` : this.log}`,
      `NAME=${b.name ?? kind}`,
      ...(b.exitCode !== undefined ? [`CODE=${b.exitCode}`] : []),
      ...(b.hangSeconds !== undefined ? [`HANG=${b.hangSeconds}`] : []),
      ...(b.extraEnv ?? []),
    ];
    const path = inContainer ? CONTAINER_HOOKBOX : this.hostBox;
    const hook: OciHook = { path, args: ['sh', '-c', SCRIPT, 'hook', ...(b.extraArgs ?? [])], env };
    return b.timeout === undefined ? hook : { ...hook, timeout: b.timeout };
  }

  on(kind: OciHookKind, b: HookBehaviour = {}): BundleOption {
    return withHook(kind, this.hook(kind, b, kind === 'startContainer'));
  }

  async records(): Promise<HookRecord[]> {
    const text = await readFile(this.log, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name = '', mntNs = '', hostname = '', exe = '', args = '', env = '', ...rest] =
          line.split('\t');
        const rawState = rest.join('\t');
        return { name, mntNs, hostname, exe, args, env, rawState, state: parseObject(rawState) };
      });
  }

  async names(): Promise<string[]> {
    return (await this.records()).map((r) => r.name);
  }
}

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

export const hookRecorder = (): Promise<HookRecorder> => HookRecorder.create();

import type { OciCapabilities, OciRlimit } from '../../../../spec/oci-runtime.js';
import type { BundleOption } from './option.js';

export const withArgs =
  (...args: string[]): BundleOption =>
  (c) => {
    c.process.args = args;
  };

/** Sets variables given as `KEY=VALUE` or a record; a key already present is replaced. */
export const withEnv =
  (env: Readonly<Record<string, string>> | readonly string[]): BundleOption =>
  (c) => {
    const pairs = Array.isArray(env) ? env : Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const keys = new Set(pairs.map((p: string) => p.split('=')[0]));
    c.process.env = [...(c.process.env ?? []).filter((e) => !keys.has(e.split('=')[0])), ...pairs];
  };

export const withCwd =
  (cwd: string): BundleOption =>
  (c) => {
    c.process.cwd = cwd;
  };

export const withUser =
  (uid: number, gid: number, additionalGids?: number[]): BundleOption =>
  (c) => {
    c.process.user = additionalGids ? { uid, gid, additionalGids } : { uid, gid };
  };

export const withTerminal =
  (terminal = true, consoleSize?: { height: number; width: number }): BundleOption =>
  (c) => {
    c.process.terminal = terminal;
    if (consoleSize) c.process.consoleSize = consoleSize;
  };

/** Sets one rlimit (soft = hard unless given), replacing an entry of the same type. */
export const withRlimit =
  (type: string, soft: number, hard = soft): BundleOption =>
  (c) => {
    const rest = (c.process.rlimits ?? []).filter((r) => r.type !== type);
    c.process.rlimits = [...rest, { type, soft, hard } satisfies OciRlimit];
  };

/** A list sets bounding, effective, permitted and ambient alike (as `runc spec` does); an object is exact. */
export const withCapabilities =
  (caps: readonly string[] | OciCapabilities): BundleOption =>
  (c) => {
    if (!Array.isArray(caps)) {
      c.process.capabilities = { ...(caps as OciCapabilities) };
      return;
    }
    const list = [...caps];
    c.process.capabilities = {
      bounding: list,
      effective: [...list],
      permitted: [...list],
      ambient: [...list],
    };
  };

export const withNoNewPrivileges =
  (on = true): BundleOption =>
  (c) => {
    c.process.noNewPrivileges = on;
  };

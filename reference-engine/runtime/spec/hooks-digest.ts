import type { OciConfig } from '../config/oci-config.js';
import { DEFAULT_HOOK_TIMEOUT_S } from '../hooks/run-hooks.js';
import { record } from './escape.js';

/** The hooks the init runs itself (createContainer, startContainer), and the state template they read. */
export function digestHooks(config: OciConfig, id: string, bundleDir: string): string {
  const h = config.hooks;
  let out = h?.prestart?.length || h?.createRuntime?.length ? record('runtime-hooks') : '';
  for (const kind of ['createContainer', 'startContainer'] as const) {
    for (const h of config.hooks?.[kind] ?? []) {
      out += record('hook', kind, h.path, h.timeout ?? DEFAULT_HOOK_TIMEOUT_S);
      for (const a of h.args ?? []) out += record('hook-arg', a);
      for (const e of h.env ?? []) out += record('hook-env', e);
    }
  }
  if (!h?.createContainer?.length && !h?.startContainer?.length) return out;
  const state = { ociVersion: config.ociVersion, id, status: '@STATUS@', pid: 0, bundle: bundleDir };
  const annotated = config.annotations ? { ...state, annotations: config.annotations } : state;
  return out + record('hook-state', JSON.stringify(annotated).replace('"pid":0', '"pid":@PID@'));
}

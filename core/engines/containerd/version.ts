export interface CtrVersionPart {
  readonly version: string;
  readonly revision?: string;
  readonly uuid?: string;
  readonly goVersion?: string;
}

/** `ctr version`: a Client section always, a Server section only when containerd answered. */
export interface CtrVersion {
  readonly client?: CtrVersionPart;
  readonly server?: CtrVersionPart;
}

export function parseCtrVersion(output: string): CtrVersion {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const raw of output.split('\n')) {
    const head = /^(\w+):\s*$/.exec(raw);
    if (head?.[1]) {
      current = {};
      sections[head[1].toLowerCase()] = current;
      continue;
    }
    const kv = /^\s+([\w ]+?):\s*(.*)$/.exec(raw);
    if (kv?.[1] && current) current[kv[1].toLowerCase()] = kv[2] ?? '';
  }
  const part = (s: Record<string, string> | undefined): CtrVersionPart | undefined =>
    s?.version
      ? { version: s.version, revision: s.revision, uuid: s.uuid, goVersion: s['go version'] }
      : undefined;
  return { client: part(sections.client), server: part(sections.server) };
}

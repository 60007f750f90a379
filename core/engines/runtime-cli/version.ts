/** What `<runtime> --version` says, e.g. `runc version 1.1.5+ds1` followed by `key: value` lines. */
export interface RuntimeVersion {
  /** First word of the banner: runc, crun, youki, shiprun... */
  readonly product: string;
  readonly version: string;
  /** The OCI runtime spec version the binary implements, when printed (`spec: 1.0.2-dev`). */
  readonly spec?: string;
  readonly commit?: string;
  /** Every `key: value` line, as printed. */
  readonly details: Readonly<Record<string, string>>;
}

export function parseRuntimeVersion(output: string, fallbackProduct: string): RuntimeVersion {
  const lines = output.split('\n').map((l) => l.trim());
  const banner = lines.find((l) => /\bversion\b/i.test(l)) ?? '';
  const m = /^(\S+)\s+version\s+(\S+)/i.exec(banner);
  const details: Record<string, string> = {};
  for (const line of lines) {
    const kv = /^([A-Za-z][\w .-]*?):\s+(.+)$/.exec(line);
    if (kv?.[1] && kv[2]) details[kv[1].toLowerCase()] = kv[2];
  }
  return {
    product: m?.[1]?.toLowerCase() ?? fallbackProduct,
    version: m?.[2] ?? details.version ?? 'unknown',
    spec: details.spec,
    commit: details.commit,
    details,
  };
}

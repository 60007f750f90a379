/** The target of the `rel="next"` entry of an RFC 5988/8288 Link header, or undefined. */
export function nextLink(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  for (const part of splitLinks(link)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/s.exec(part);
    if (!match) continue;
    const params = match[2] ?? '';
    const rel = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return match[1];
  }
  return undefined;
}

// Split on commas that are outside <...> and quoted strings.
function splitLinks(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inUri = false;
  let inQuote = false;
  for (const ch of header) {
    if (ch === '<' && !inQuote) inUri = true;
    else if (ch === '>' && !inQuote) inUri = false;
    else if (ch === '"' && !inUri) inQuote = !inQuote;
    if (ch === ',' && !inUri && !inQuote) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

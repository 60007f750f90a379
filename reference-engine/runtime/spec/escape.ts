const escapeField = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

/** One spec record: a key and its fields, tab-separated, escaped, newline-terminated. */
export const record = (key: string, ...fields: (string | number)[]): string =>
  `${[key, ...fields.map((f) => escapeField(String(f)))].join('\t')}\n`;

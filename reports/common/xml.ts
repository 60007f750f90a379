/** ANSI escape sequences (terminal colours in assertion messages). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ESC is the point
export const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
/** Characters XML 1.0 cannot carry: C0 controls except tab/LF/CR, DEL, U+FFFE/U+FFFF, lone surrogates. */
export const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text safe in XML attributes and content: ANSI colours dropped, characters XML cannot carry shown as
 * `\uXXXX`, markup characters escaped (so `]]>` becomes `]]&gt;`; no CDATA is used).
 */
export function xmlText(value: string): string {
  return value
    .replace(ANSI, '')
    .replace(XML_INVALID, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** `name="value"` pairs, escaped. */
export const attrs = (pairs: Record<string, string | number>): string =>
  Object.entries(pairs)
    .map(([k, v]) => `${k}="${xmlText(String(v))}"`)
    .join(' ');

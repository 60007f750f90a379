import { attrs as xmlAttrs, xmlText } from '../../common/xml.js';

/** Text safe in HTML/SVG content and attributes: markup escaped, ANSI dropped, control chars shown. */
export const esc = (value: string | number): string => xmlText(String(value));

/** Coordinates to one decimal, without trailing zeros. */
export const num = (x: number): string => String(Math.round(x * 10) / 10);

/** `name="value"` pairs, escaped; numbers rounded to one decimal; undefined values left out. */
export function attrs(pairs: Record<string, string | number | undefined>): string {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(pairs)) {
    if (v !== undefined) kept[k] = typeof v === 'number' ? num(v) : v;
  }
  return xmlAttrs(kept);
}

/** An element with escaped attributes; `inner` is markup the caller already escaped. */
export function el(tag: string, a: Record<string, string | number | undefined> = {}, inner?: string): string {
  const head = Object.keys(a).length > 0 ? `<${tag} ${attrs(a)}` : `<${tag}`;
  return inner === undefined ? `${head}/>` : `${head}>${inner}</${tag}>`;
}

/** Test support: a small strict check that generated HTML nests properly and leaves no raw markup in text. */
const VOID = new Set(['meta', 'br', 'input', 'hr', 'img', 'link', 'col', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+(?:="[^"<>]*")?)*)\s*(\/?)>/g;
const BARE_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Problems found, empty when every tag is closed in order and no text holds `<`, `>` or a bare `&`. */
export function markupProblems(html: string): string[] {
  const problems: string[] = [];
  const body = html
    .replace(/^<!DOCTYPE html>\s*/i, '')
    .replace(/<(script|style)>[\s\S]*?<\/\1>/g, '<$1></$1>');
  const stack: string[] = [];
  let last = 0;
  const checkText = (t: string) => {
    if (/[<>]/.test(t)) problems.push(`raw markup character in text: ${JSON.stringify(t.slice(0, 80))}`);
    if (BARE_AMP.test(t)) problems.push(`bare & in text: ${JSON.stringify(t.slice(0, 80))}`);
  };
  for (const m of body.matchAll(TAG)) {
    checkText(body.slice(last, m.index));
    last = m.index + m[0].length;
    const [, close, name = '', attributes = '', selfClose] = m;
    if (BARE_AMP.test(attributes)) problems.push(`bare & in attributes of <${name}>`);
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClose && !VOID.has(name)) stack.push(name);
  }
  checkText(body.slice(last));
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}

/** Attributes of every `<tag ...>` carrying `class="cls"` (or all of that tag when `cls` is omitted). */
export function elementsOf(html: string, tag: string, cls?: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}((?:\\s+[\\w:-]+(?:="[^"]*")?)*)\\s*/?>`, 'g'))) {
    const a: Record<string, string> = {};
    for (const p of (m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) a[p[1] ?? ''] = p[2] ?? '';
    if (cls === undefined || (a.class ?? '').split(' ').includes(cls)) out.push(a);
  }
  return out;
}

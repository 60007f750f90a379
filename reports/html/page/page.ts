import { esc } from '../svg/escape.js';
import { CSS } from './css.js';

/** What a page is made of; every string in `sections` is markup its section module already escaped. */
export interface PageParts {
  readonly title: string;
  /** Plain text under the heading (escaped here). */
  readonly subtitle?: string;
  readonly sections: readonly string[];
  /** Inline script run at the end of the body; the page must read fine without it. */
  readonly script?: string;
}

/** A whole self-contained HTML document: inline CSS, inline SVG, optional inline script, nothing fetched. */
export function htmlPage(p: PageParts): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${esc(p.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(p.title)}</h1>`,
    ...(p.subtitle ? [`<p class="meta">${esc(p.subtitle)}</p>`] : []),
    ...p.sections.filter((s) => s !== ''),
    ...(p.script ? [`<script>${p.script}</script>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** `<section id><h2>heading</h2>body</section>`; `body` is markup. */
export const section = (id: string, heading: string, body: string): string =>
  `<section id="${esc(id)}">\n<h2>${esc(heading)}</h2>\n${body}\n</section>`;

import { describe, expect, it } from 'vitest';
import { elementsOf, markupProblems } from './well-formed.js';

describe('markupProblems', () => {
  it('accepts nested, void and self-closed elements, scripts and entities', () => {
    const ok =
      '<!DOCTYPE html><html><head><meta charset="utf-8"/><style>a>b{}</style></head><body><p>a &amp; b &lt;c&gt;<br/><input hidden="hidden"/></p><svg><rect x="1"/></svg><script>if(a<b){}</script></body></html>';
    expect(markupProblems(ok)).toEqual([]);
  });
  it('finds unclosed and crossed tags, raw < and bare &', () => {
    expect(markupProblems('<div><p>x</div>')).toEqual(['</div> closes <p>', 'unclosed: div']);
    expect(markupProblems('<p>a <script>x</p>').join()).toMatch(/closes|unclosed|raw/);
    expect(markupProblems('<p>1 < 2</p>')).toEqual(['raw markup character in text: "1 < 2"']);
    expect(markupProblems('<p>a & b</p>')).toEqual(['bare & in text: "a & b"']);
    expect(markupProblems('<p title="a & b">x</p>')).toEqual(['bare & in attributes of <p>']);
  });
  it('reads attributes of elements by class', () => {
    const html = '<rect class="bar x" height="10" data-a="1"/><rect class="other"/>';
    expect(elementsOf(html, 'rect', 'bar')).toEqual([{ class: 'bar x', height: '10', 'data-a': '1' }]);
    expect(elementsOf(html, 'rect')).toHaveLength(2);
  });
});

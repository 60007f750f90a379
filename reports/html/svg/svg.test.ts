import { describe, expect, it } from 'vitest';
import { markupProblems } from '../testing/well-formed.js';
import { el, esc, num } from './escape.js';
import { linearScale, niceStep } from './scale.js';
import { rect, svg, whisker } from './shapes.js';

describe('scale', () => {
  it('rounds steps up to 1, 2, 2.5 or 5 x 10^k', () => {
    expect([0.07, 1, 3, 21, 450, 0, -1, Number.NaN].map(niceStep)).toEqual([0.1, 1, 5, 25, 500, 1, 1, 1]);
  });
  it('maps 0..nice max onto the range with round ticks, either direction', () => {
    const y = linearScale(604.5, 184, 24);
    expect(y.max).toBe(800);
    expect(y.ticks).toEqual([0, 200, 400, 600, 800]);
    expect(y(0)).toBe(184);
    expect(y(800)).toBe(24);
    expect(y(400)).toBe(104);
    expect(y(-5)).toBe(184);
    const x = linearScale(0, 10, 110);
    expect(x.max).toBe(1);
    expect(linearScale(0.3, 0, 100).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe('escape and shapes', () => {
  it('escapes text and attributes, rounds numbers, drops undefined attributes', () => {
    expect(esc('<script>&"\'')).toBe('&lt;script&gt;&amp;&quot;&apos;');
    expect(num(1.26)).toBe('1.3');
    expect(el('rect', { x: 1.04, title: 'a<b', skip: undefined })).toBe('<rect x="1" title="a&lt;b"/>');
  });
  it('builds well-formed SVG with escaped labels and clamped sizes', () => {
    const out = svg(100, 50, 'a & <b>', rect(0, 0, -5, 10, '<tip>') + whisker(5, 40, 10, 6));
    expect(markupProblems(out)).toEqual([]);
    expect(out).toContain('aria-label="a &amp; &lt;b&gt;"');
    expect(out).toContain('width="0"');
    expect(out.match(/<line /g)).toHaveLength(3);
  });
});

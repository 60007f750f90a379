import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchHtml } from './bench/index.js';
import { conformanceHtml } from './conformance/index.js';
import { fixtureBenchRun, fixtureConformanceRun } from './testing/page-fixtures.js';

/**
 * report.html and bench.html as a person sees them: rendered by headless Chromium (Debian's package;
 * `npm run peers` installs it) 1280 px wide, a full-page screenshot each, and their layout measured in
 * the page. SHIPSHAPE_KEEP_SCREENSHOTS=1 keeps the PNGs (their folder is printed) to look at.
 */
const CHROMIUM = process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium';
const WIDTH = 1280;
const HEIGHT = 800;

/**
 * Headless, no sandbox (root in CI), and nothing that reaches out: with background networking, component
 * updates, sync or QUIC on, Chromium tries hosts this closed network does not have, and waits on them.
 * The profile is a fresh folder per run (launchPersistentContext's user-data-dir).
 */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Layout {
  readonly innerWidth: number;
  readonly scrollWidth: number;
  readonly scrollHeight: number;
  readonly firstSection: string;
  /** Page coordinates of the verdict table, undefined when there is none. */
  readonly table?: { top: number; bottom: number };
  /** Top of the first chart (svg) or collapsible block (details). */
  readonly firstChart: number;
  readonly charts: number;
  /** Elements reaching past the viewport's left or right edge: tag#id.class and their box. */
  readonly wide: string[];
  /** The verdict table's body rows: class, text, and each cell's rendered font style. */
  readonly rows: { className: string; text: string; cells: string[] }[];
}

/** The little of the DOM `measure` uses (the project compiles without the DOM library). */
interface Box {
  readonly top: number;
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly height: number;
}
interface PageElement {
  readonly tagName: string;
  readonly id: string;
  readonly className: unknown;
  readonly textContent: string | null;
  getBoundingClientRect(): Box;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageGlobals {
  readonly window: {
    readonly innerWidth: number;
    readonly scrollY: number;
    getComputedStyle(e: PageElement): { readonly fontStyle: string };
  };
  readonly document: {
    readonly documentElement: { readonly scrollWidth: number; readonly scrollHeight: number };
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
}

/** Runs in the page: where the verdict table and the charts are, and what sticks out sideways. */
function measure(tableSelector: string): Layout {
  const { window, document } = globalThis as unknown as PageGlobals;
  const name = (e: PageElement) =>
    `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className ? `.${e.className.split(' ').join('.')}` : ''}`;
  const y = (e: PageElement) => e.getBoundingClientRect().top + window.scrollY;
  const table = document.querySelector(tableSelector);
  const charts = [...document.querySelectorAll('svg, details')];
  const wide = [...document.querySelectorAll('body *')]
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5))
    .map(({ e, r }) => `${name(e)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    firstSection: document.querySelector('section')?.id ?? '',
    ...(table ? { table: { top: y(table), bottom: y(table) + table.getBoundingClientRect().height } } : {}),
    firstChart: Math.min(...charts.map(y)),
    charts: charts.length,
    wide: wide.slice(0, 20),
    rows: [...document.querySelectorAll(`${tableSelector} tbody tr`)].map((r) => ({
      className: String(r.className),
      text: r.textContent ?? '',
      cells: [...r.querySelectorAll('td')].map((c) => window.getComputedStyle(c).fontStyle),
    })),
  };
}

/** PNG width and height from its IHDR chunk. */
async function pngSize(path: string): Promise<{ width: number; height: number }> {
  const b = await readFile(path);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const missing = existsSync(CHROMIUM)
  ? ''
  : ` (skipped: no Chromium at ${CHROMIUM}; \`npm run peers\` or \`apt-get install chromium\` installs it, SHIPSHAPE_CHROMIUM names another)`;

describe.skipIf(missing !== '')(`report pages in headless Chromium, ${WIDTH} px wide${missing}`, () => {
  let dir = '';
  let context: BrowserContext | undefined;
  /** Requests a page made for anything but its own file (a self-contained page makes none). */
  const outside: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shipshape-screens-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: ARGS,
      viewport: { width: WIDTH, height: HEIGHT },
      timeout: 30_000,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (process.env.SHIPSHAPE_KEEP_SCREENSHOTS) {
      await rm(join(dir, 'profile'), { recursive: true, force: true });
      console.log(`screenshots kept in ${dir}`);
    } else if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Writes the page, opens it, takes a full-page PNG and measures it. */
  async function render(file: string, html: string, tableSelector: string) {
    if (!context) throw new Error('Chromium did not start');
    const path = join(dir, file);
    await writeFile(path, html);
    const page = await context.newPage();
    try {
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load', timeout: 20_000 });
      const png = path.replace(/\.html$/, '.png');
      await page.screenshot({ path: png, fullPage: true, timeout: 20_000 });
      const layout = await page.evaluate(measure, tableSelector);
      return { layout, png: await pngSize(png) };
    } finally {
      await page.close();
    }
  }

  /** The checks both pages share. */
  function expectOverviewFirstAndNoOverflow(layout: Layout, png: { width: number; height: number }) {
    expect(layout.innerWidth).toBe(WIDTH);
    // the verdict table opens the page: in the first screenful, above every chart
    expect(layout.table, 'verdict table').toBeDefined();
    expect(layout.table?.top).toBeLessThan(HEIGHT);
    expect(layout.charts).toBeGreaterThan(0);
    expect(layout.table?.bottom).toBeLessThanOrEqual(layout.firstChart);
    // nothing to scroll sideways
    expect(layout.wide).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(WIDTH);
    expect(png).toEqual({ width: WIDTH, height: layout.scrollHeight });
    expect(outside).toEqual([]);
  }

  it('report.html: the engines × suites matrix first, nothing wider than the window', async () => {
    const { layout, png } = await render(
      'report.html',
      conformanceHtml(fixtureConformanceRun()),
      '#matrix table',
    );
    expect(layout.firstSection).toBe('matrix');
    expectOverviewFirstAndNoOverflow(layout, png);
  });

  it('bench.html: the verdict table first, rows not significant in italics, nothing wider than the window', async () => {
    const { doc, gate } = fixtureBenchRun();
    const { layout, png } = await render('bench.html', benchHtml(doc, gate), '#verdicts table');
    expect(layout.firstSection).toBe('verdicts');
    expectOverviewFirstAndNoOverflow(layout, png);
    // as the table's note says: rows of differences that are not significant are in italics, the others not
    const italic = layout.rows;
    expect(italic.filter((r) => r.className === 'ns').length).toBeGreaterThan(0);
    expect(italic.filter((r) => r.className === 'sig').length).toBeGreaterThan(0);
    for (const r of italic)
      expect(
        r.cells.every((c) => c === 'italic'),
        r.text,
      ).toBe(r.className === 'ns');
  });
});

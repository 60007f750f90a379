/** The one stylesheet, inlined into every page (no web fonts: system font stacks only). */
export const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1em 1.5em;color:#222;background:#fff;overflow-wrap:break-word}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd}h3{font-size:1.05em;margin:1.2em 0 .4em}
.meta{color:#555}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
td.text{overflow-wrap:anywhere;min-width:10em}
th{background:#f4f4f4}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
pre{background:#f7f7f7;border:1px solid #e4e4e4;padding:.5em;white-space:pre-wrap;word-break:break-word;margin:.3em 0;font-size:12px}
code{font-size:12px}
.n{display:inline-block;min-width:1.6em;padding:0 4px;margin:1px;border-radius:3px;color:#fff;text-align:center}
.pass{background:#2e7d32}.fail{background:#c62828}.skip{background:#9e9e9e}.xfail{background:#f0a500;color:#222}.xpass{background:#7b1fa2}
.zero{background:none;color:#bbb}
td.cell-fail{background:#fdecea}td.cell-pass{background:#edf7ed}td.cell-skip{background:#f5f5f5}td.cell-warn{background:#fff8e1}
span.status{padding:0 5px;border-radius:3px}
tr.regression td{background:#fdecea;color:#8b0000;font-weight:600}
tr.improvement td{background:#edf7ed}
tr.insufficient-data td{color:#777}
table.verdicts tr.ns td{color:#666;font-style:italic}
.bad{color:#c62828;font-weight:600}
svg{display:block;margin:.4em 0;max-width:100%;height:auto;font:11px system-ui,sans-serif}
svg text.tick{fill:#555}svg text.label{fill:#222}svg text.value{fill:#222;font-size:10px}
details{margin:.3em 0}summary{cursor:pointer}
input#filter{font:inherit;padding:3px 6px;width:24em}
.charts{display:flex;flex-wrap:wrap;gap:1.5em}
`;

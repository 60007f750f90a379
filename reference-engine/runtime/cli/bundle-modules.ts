import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One ES module file joined with the relative modules it imports, and the files it was made from. */
export interface ModuleBundle {
  readonly text: string;
  /** Absolute paths of every module inside, dependencies first, the entry last. */
  readonly sources: readonly string[];
}

const IMPORT = /^import\s+(?:([\w$]+)|\{([^}]*)\}|\*\s+as\s+([\w$]+))\s+from\s+'([^']+)';?[ \t]*$/gm;
const SIDE_EFFECT_IMPORT = /^import\s+'[^']+';?/m;
const DECLARED_EXPORT = /^export\s+((?:async\s+)?function\*?|const|let|var|class)\s+([\w$]+)/gm;
const EXPORT_LIST = /^export\s+\{([^}]*)\};?[ \t]*$/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(/;

const split = (list: string): string[] =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Joins `entry` (compiled ES module JavaScript) and every module it imports by a relative path into one
 * module text: each becomes a function scope returning its exports, evaluated dependencies first, as
 * ESM would. Node built-ins stay real imports (`require` calls in the `cjs` format, which Node loads
 * without starting its ES module loader). One file loads several times faster than forty (Node's
 * ESM loader reads and resolves each file with several thread-pool round trips).
 *
 * Returns undefined for anything outside the simple forms tsc emits here (default imports or exports,
 * `export *`, re-exports, dynamic imports, side-effect imports, cycles): callers then load the modules.
 */
export function bundleModules(entry: string, format: 'esm' | 'cjs' = 'esm'): ModuleBundle | undefined {
  const order: { file: string; src: string }[] = [];
  const index = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (file: string): boolean => {
    if (index.has(file)) return true;
    if (visiting.has(file)) return false; // a cycle: ESM's live bindings would be needed
    visiting.add(file);
    const src = readFileSync(file, 'utf8');
    if (DYNAMIC_IMPORT.test(src) || SIDE_EFFECT_IMPORT.test(src)) return false;
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[4] ?? '';
      if (spec.startsWith('.') && !visit(resolve(dirname(file), spec))) return false;
    }
    visiting.delete(file);
    index.set(file, order.length);
    order.push({ file, src });
    return true;
  };
  if (!visit(resolve(entry))) return undefined;
  const builtins = new Map<string, string>();
  let body = '';
  let entryExports: string[] = [];
  for (const { file, src } of order) {
    const wrapped = wrapModule(file, src, index, builtins);
    if (!wrapped) return undefined;
    body += wrapped.text;
    entryExports = wrapped.exports;
  }
  const cjs = format === 'cjs';
  const head = [...builtins]
    .map(([spec, name]) =>
      cjs ? `const ${name} = require('${spec}');\n` : `import * as ${name} from '${spec}';\n`,
    )
    .join('');
  const last = `__m${order.length - 1}`;
  const names = entryExports.map((e) => e.split(':')[0]);
  const tail = cjs
    ? `module.exports = { ${names.map((n) => `${n}: ${last}.${n}`).join(', ')} };\n`
    : `export const { ${names.join(', ')} } = ${last};\n`;
  return { text: `${head}${body}${tail}`, sources: order.map((o) => o.file) };
}

/** One module as `const __mN = (() => { ...; return { exports }; })();`, or undefined if unsupported. */
function wrapModule(
  file: string,
  src: string,
  index: ReadonlyMap<string, number>,
  builtins: Map<string, string>,
): { text: string; exports: string[] } | undefined {
  let unsupported = false;
  let text = src.replace(IMPORT, (_all, def: string, list: string, ns: string, spec: string) => {
    if (def) unsupported = true;
    let from: string;
    if (spec.startsWith('.')) from = `__m${index.get(resolve(dirname(file), spec))}`;
    else {
      if (!builtins.has(spec)) builtins.set(spec, `__b${builtins.size}`);
      from = builtins.get(spec) ?? '';
    }
    if (ns) return `const ${ns} = ${from};`;
    return `const { ${split(list ?? '')
      .map((s) => s.replace(/\s+as\s+/, ': '))
      .join(', ')} } = ${from};`;
  });
  const exports: string[] = [];
  text = text.replace(DECLARED_EXPORT, (_all, kw: string, name: string) => {
    exports.push(name);
    return `${kw} ${name}`;
  });
  text = text.replace(EXPORT_LIST, (_all, list: string) => {
    for (const s of split(list)) {
      const [local, as] = s.split(/\s+as\s+/);
      exports.push(as ? `${as}: ${local}` : (local ?? ''));
    }
    return '';
  });
  if (unsupported || /^export\s/m.test(text)) return undefined;
  const meta = `__meta${index.get(file)}`;
  const url = pathToFileURL(file).href;
  const metaDecl = `const ${meta} = { url: ${JSON.stringify(url)}, filename: ${JSON.stringify(file)}, dirname: ${JSON.stringify(dirname(file))} };\n`;
  text = text.replace(/\bimport\.meta\b/g, meta).replace(/^\/\/# sourceMappingURL=.*$/gm, '');
  return {
    text: `// ${file}\n${metaDecl}const __m${index.get(file)} = (() => {\n${text}\nreturn { ${exports.join(', ')} };\n})();\n`,
    exports,
  };
}

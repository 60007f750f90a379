import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { LoadProcess } from '../load/load-process.js';

const ENGINE = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Transpile reference-engine/errors.ts and images/ (tests excluded), with the modules they import from
 * lower layers (spec/, core/), to plain ESM under `outDir`, so a child `node` process can run the real
 * store code; `tar-stream` is pointed at this checkout's copy.
 */
export async function compileForChild(outDir: string): Promise<string> {
  const tarStream = pathToFileURL(createRequire(import.meta.url).resolve('tar-stream')).href;
  const pending = [join(ENGINE, 'errors.ts'), ...(await tsFiles(join(ENGINE, 'images')))];
  const done = new Set<string>();
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    if (done.has(source)) continue;
    done.add(source);
    const text = await readFile(source, 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g))
      pending.push(resolve(dirname(source), `${spec}.ts`));
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(outDir, 'reference-engine', relative(ENGINE, source)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, outputText.replaceAll("'tar-stream'", `'${tarStream}'`));
  }
  return join(outDir, 'reference-engine');
}

async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** The image load process (load-child.ts) compiled under `outDir`, as ImageStore's `loadProcess`. */
export async function compiledLoadProcess(outDir: string): Promise<LoadProcess> {
  const engine = await compileForChild(outDir);
  return { command: process.execPath, args: [join(engine, 'images', 'load', 'load-child.js')] };
}

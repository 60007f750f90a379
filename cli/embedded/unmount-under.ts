import { readFile } from 'node:fs/promises';
import { execa } from 'execa';

/** Mount points at or below `dir` (mountinfo's fifth field, octal escapes decoded), deepest first. */
export async function mountsUnder(dir: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const points = info
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => p !== undefined)
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8))))
    .filter((p) => p === dir || p.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Detaches every mount left below `dir` (a daemon that died mid-run can leave rootfs mounts). */
export async function unmountUnder(dir: string): Promise<void> {
  for (const point of await mountsUnder(dir)) await execa('umount', ['-l', point], { reject: false });
}

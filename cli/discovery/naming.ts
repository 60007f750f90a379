import type { EngineDescription } from '../../core/engines/types.js';

/** Short product name: a Docker-API engine that is Podman is `podman`, whatever address found it. */
export function productName(d: EngineDescription): string {
  const product = d.product.toLowerCase();
  if (d.family === 'docker-api') {
    if (product.includes('podman')) return 'podman';
    if (product.includes('docker') || product.includes('moby')) return 'docker';
  }
  if (d.family === 'containerd') return 'containerd';
  if (d.family === 'registry') return 'registry';
  const word = /^[a-z][a-z0-9-]*$/.exec(product)?.[0];
  return word && word !== 'unknown' ? word : d.name;
}

/** Renames engines by product and makes names unique (`crun`, `crun-2`) in discovery order. */
export function nameByProduct(list: readonly EngineDescription[]): EngineDescription[] {
  const seen = new Map<string, number>();
  return list.map((d) => {
    const base = productName(d);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...d, name: n === 1 ? base : `${base}-${n}` };
  });
}

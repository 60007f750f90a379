import type { Context } from './context.js';
import { defect } from './rules.js';

/** After the layer pass: each config's rootfs.diff_ids equals its layers' uncompressed sha256, in order. */
export function compareDiffIds(ctx: Context): void {
  for (const image of ctx.images) {
    const declared = image.diffIds;
    if (!Array.isArray(declared)) continue; // the config schema check reported it
    const { blob, pointer } = image.where;
    if (declared.length !== image.layers.length) {
      const message = `${declared.length} diff_ids for ${image.layers.length} layers`;
      ctx.add(defect('image:layer.diff_id', pointer, message, { blob }));
      continue;
    }
    image.layers.forEach((layer, i) => {
      const actual = layer === undefined ? undefined : ctx.diffIds.get(layer);
      if (actual === undefined || actual === declared[i]) return;
      const message = `diff_id ${JSON.stringify(declared[i])} but layer ${layer} uncompresses to ${actual}`;
      ctx.add(defect('image:layer.diff_id', `${pointer}/${i}`, message, { blob }));
    });
  }
}

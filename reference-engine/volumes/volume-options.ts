import { InvalidArgument } from '../errors.js';
import type { Mount } from '../storage/types.js';

const VALID_OPTIONS = ['type', 'device', 'o'];

/** The local driver's options, as dockerd checks them (`size` needs xfs quotas shipd has not got). */
export function checkVolumeOptions(name: string, options: Record<string, string>): void {
  for (const key of Object.keys(options)) {
    if (key === 'size')
      throw new InvalidArgument(`create ${name}: quota size requested but no quota support`);
    if (!VALID_OPTIONS.includes(key)) throw new InvalidArgument(`create ${name}: invalid option: "${key}"`);
  }
  if ((options.type ?? '') !== '' && (options.device ?? '') === '')
    throw new InvalidArgument(`create ${name}: missing device in volume options`);
  if ((options.device ?? '') !== '' && (options.type ?? '') === '')
    throw new InvalidArgument(`create ${name}: missing type in volume options`);
}

/** What to mount on the volume's _data, or undefined for a plain directory volume. */
export function volumeMount(options: Record<string, string>): Mount | undefined {
  const type = options.type ?? '';
  if (type === '') return undefined;
  const opts = (options.o ?? '').split(',').filter((o) => o !== '');
  return {
    type: opts.includes('bind') || opts.includes('rbind') ? '' : type,
    source: options.device ?? '',
    options: opts,
  };
}

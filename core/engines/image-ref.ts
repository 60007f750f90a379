import { ShipshapeError } from '../errors.js';

/** `name[:tag]` split at the tag colon (a port colon in the registry part is kept); tag defaults to latest. */
export const splitRef = (ref: string): { repository: string; tag: string } => {
  if (ref.includes('@'))
    throw new ShipshapeError('INVALID_INPUT', `image refs here take a tag, not a digest: ${ref}`);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const [repository, tag] = colon > slash ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, 'latest'];
  if (!/^[a-z0-9]+([._/:-][a-z0-9]+)*$/.test(repository) || !/^[\w][\w.-]{0,127}$/.test(tag)) {
    throw new ShipshapeError('INVALID_INPUT', `not a valid image reference: ${ref}`);
  }
  return { repository, tag };
};

/** The fully qualified form containerd and Docker use: `docker.io/library/x:latest`. */
export const normalizeRef = (ref: string): string => {
  const { repository, tag } = splitRef(ref);
  const first = repository.split('/')[0] ?? '';
  const hasDomain =
    repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain) return `${repository}:${tag}`;
  return repository.includes('/')
    ? `docker.io/${repository}:${tag}`
    : `docker.io/library/${repository}:${tag}`;
};

/** The fully qualified repository without the tag: what `ctr images import --base-name` takes. */
export const baseNameOf = (ref: string): string =>
  normalizeRef(ref).slice(0, -(splitRef(ref).tag.length + 1));

import type { SchemaName } from './registry.js';

/** A place where a schema accepts what the swagger does not, because the reference engine sends it. */
export interface Relaxation {
  readonly schema: SchemaName;
  /** JSON pointer into the body (`*` for any key or index). */
  readonly pointer: string;
  /** What the swagger v1.41 says. */
  readonly swagger: string;
  /** What dockerd 20.10.24 sends (seen on this machine). */
  readonly observed: string;
}

/**
 * Every relaxation of the schemas against the swagger. All come from Go encoding a nil slice or map as
 * `null`, or from Linux-only defaults; each was seen in real dockerd 20.10.24 answers.
 */
export const RELAXATIONS: readonly Relaxation[] = [
  {
    schema: 'ImageSummary',
    pointer: '/RepoDigests',
    swagger: 'required array, x-nullable: false',
    observed: 'null for an image loaded from a tar',
  },
  {
    schema: 'ImageSummary',
    pointer: '/Labels',
    swagger: 'required object, x-nullable: false',
    observed: 'null for an image without labels',
  },
  {
    schema: 'HistoryResponseItem',
    pointer: '/Tags',
    swagger: 'required array',
    observed: 'null for untagged history entries',
  },
  {
    schema: 'Volume',
    pointer: '/Labels',
    swagger: 'required object, x-nullable: false',
    observed: 'null for a volume created without labels',
  },
  {
    schema: 'Volume',
    pointer: '/Options',
    swagger: 'required object',
    observed: 'null for a volume created without options',
  },
  {
    schema: 'VolumeListResponse',
    pointer: '/Warnings',
    swagger: 'required array, x-nullable: false',
    observed: 'null',
  },
  {
    schema: 'ContainerWaitResponse',
    pointer: '/Error',
    swagger: 'object',
    observed: 'null when the wait had no error',
  },
  {
    schema: 'ExecInspect',
    pointer: '/ExitCode',
    swagger: 'integer',
    observed: 'null before the exec process ran',
  },
  {
    schema: 'ContainerInspect',
    pointer: '/HostConfig/MemorySwappiness',
    swagger: 'integer',
    observed: 'null when unset',
  },
  {
    schema: 'ContainerInspect',
    pointer: '/Config/Env (and Cmd, Entrypoint, Volumes, Labels, ...)',
    swagger: 'array/object',
    observed: 'null when unset',
  },
  {
    schema: 'ContainerInspect',
    pointer: '/HostConfig/Binds (and every unset list)',
    swagger: 'array',
    observed: 'null when unset',
  },
  { schema: 'Network', pointer: '/IPAM/Options', swagger: 'object', observed: 'null' },
  {
    schema: 'SystemInfo',
    pointer: '/Isolation',
    swagger: 'enum default, hyperv, process',
    observed: '"" on Linux',
  },
  {
    schema: 'SystemInfo',
    pointer: '/Warnings, /Plugins/Authorization, /GenericResources',
    swagger: 'array',
    observed: 'null',
  },
  {
    schema: 'ImagePruneResponse',
    pointer: '/ImagesDeleted',
    swagger: 'array',
    observed: 'null when nothing was deleted',
  },
  {
    schema: 'ContainerPruneResponse',
    pointer: '/ContainersDeleted',
    swagger: 'array',
    observed: 'null when nothing was deleted',
  },
  {
    schema: 'NetworkPruneResponse',
    pointer: '/NetworksDeleted',
    swagger: 'array',
    observed: 'null when nothing was deleted',
  },
  {
    schema: 'SystemDataUsageResponse',
    pointer: '/BuildCache',
    swagger: 'array',
    observed: 'null without build cache',
  },
  {
    schema: 'DistributionInspectResponse',
    pointer: '/Descriptor/*',
    swagger: 'fields MediaType, Size, Digest, URLs',
    observed: 'the OCI descriptor names mediaType, size, digest (checked in that form)',
  },
  {
    schema: 'DistributionInspectResponse',
    pointer: '/Platforms/*/*',
    swagger: 'fields Architecture, OS, OSVersion, OSFeatures, Variant, Features',
    observed: 'the OCI platform names architecture, os, variant (checked in that form)',
  },
  {
    schema: 'BuildPruneResponse',
    pointer: '/CachesDeleted',
    swagger: 'array',
    observed: 'null when nothing was deleted',
  },
];

import type { ContainerConfig } from '../../../spec/oci-image/types.js';
import { familiar } from '../reference/parse-reference.js';
import { imageSize } from './list-images.js';
import { readConfig } from './read-config.js';
import type { ImageStoreContext } from './store-context.js';

/** Docker's Image object (GET /images/{name}/json); GraphDriver is the storage driver's to fill. */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Container: string;
  ContainerConfig: ContainerConfig;
  DockerVersion: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  VirtualSize: number;
  GraphDriver: { Name: string; Data: Record<string, string> };
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime: string };
}

export async function inspectImage(ctx: ImageStoreContext, ref: string): Promise<ImageInspect> {
  const image = ctx.index.resolve(ref);
  const config = await readConfig(ctx, image);
  const size = imageSize(image);
  return {
    Id: image.id,
    RepoTags: ctx.index.tagsOf(image.id).map(familiar),
    RepoDigests: ctx.index.digestsOf(image.id).map(familiar),
    Parent: '',
    Comment: config.comment ?? '',
    Created: config.created ?? '',
    Container: config.container ?? '',
    ContainerConfig: config.container_config ?? {},
    DockerVersion: config.docker_version ?? '',
    Author: config.author ?? '',
    Config: config.config ?? {},
    Architecture: config.architecture,
    ...(config.variant !== undefined && { Variant: config.variant }),
    Os: config.os,
    ...(config['os.version'] !== undefined && { OsVersion: config['os.version'] }),
    Size: size,
    VirtualSize: size,
    GraphDriver: { Name: '', Data: {} },
    RootFS: { Type: config.rootfs.type, Layers: config.rootfs.diff_ids },
    Metadata: { LastTagTime: image.lastTagTime ?? '0001-01-01T00:00:00Z' },
  };
}

import { arr, bool, int, nullable, obj, str } from './build.js';
import { ContainerSummary } from './containers.js';
import { ImageSummary } from './images.js';
import { Volume } from './volumes.js';

/** swagger BuildCache: one build cache record. */
const BuildCache = obj({
  ID: str(),
  Parent: str(),
  Type: str(),
  Description: str(),
  InUse: bool(),
  Shared: bool(),
  Size: int(),
  CreatedAt: str(),
  LastUsedAt: nullable(str()),
  UsageCount: int(),
});

/**
 * GET /system/df (SystemDataUsageResponse). The swagger's Containers items refer to ContainerSummary,
 * which it defines as a list; the engines send one summary object per container, as encoded here.
 * dockerd sends `BuildCache: null` when there is none.
 */
export const SystemDataUsageResponse = obj(
  {
    LayersSize: int({ minimum: 0 }),
    Images: arr(ImageSummary),
    Containers: arr(ContainerSummary),
    Volumes: arr(Volume),
    BuildCache: nullable(arr(BuildCache)),
  },
  [],
  ['LayersSize', 'Images', 'Containers', 'Volumes'],
);

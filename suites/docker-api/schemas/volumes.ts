import { anyObj, arr, int, map, nullable, obj, str, strArr, strMap, timestamp } from './build.js';

/**
 * swagger Volume: Name, Driver, Mountpoint, Labels, Scope, Options required. dockerd sends
 * `Labels: null` for a volume created without labels and `Options: null` without driver options.
 */
export const Volume = obj(
  {
    Name: str({ minLength: 1 }),
    Driver: str({ minLength: 1 }),
    Mountpoint: str(),
    CreatedAt: timestamp(),
    Status: nullable(map(anyObj())),
    Labels: nullable(strMap()),
    Scope: str({ enum: ['local', 'global'] }),
    Options: nullable(strMap()),
    UsageData: nullable(
      obj({ Size: int({ minimum: -1 }), RefCount: int({ minimum: -1 }) }, ['Size', 'RefCount']),
    ),
  },
  ['Name', 'Driver', 'Mountpoint', 'Labels', 'Scope', 'Options'],
);

/** GET /volumes: Volumes and Warnings required; dockerd sends `Warnings: null`. */
export const VolumeListResponse = obj({ Volumes: arr(Volume), Warnings: nullable(strArr()) }, [
  'Volumes',
  'Warnings',
]);

/** POST /volumes/prune. */
export const VolumePruneResponse = obj(
  { VolumesDeleted: nullable(strArr()), SpaceReclaimed: int({ minimum: 0 }) },
  [],
  ['VolumesDeleted', 'SpaceReclaimed'],
);

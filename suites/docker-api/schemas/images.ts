import { imageId, int, nullable, obj, str, strArr, strMap, timestamp } from './build.js';
import { ContainerConfig, GraphDriverData } from './common.js';

/** GET /images/{name}/json (swagger Image): thirteen fields required by the swagger. */
export const ImageInspect = obj(
  {
    Id: imageId(),
    RepoTags: strArr(),
    RepoDigests: strArr(),
    Parent: str(),
    Comment: str(),
    Created: timestamp(),
    Container: str(),
    ContainerConfig: nullable(ContainerConfig),
    DockerVersion: str(),
    Author: str(),
    Config: nullable(ContainerConfig),
    Architecture: str({ minLength: 1 }),
    Variant: str(),
    Os: str({ minLength: 1 }),
    OsVersion: str(),
    Size: int({ minimum: 0 }),
    VirtualSize: int({ minimum: 0 }),
    GraphDriver: GraphDriverData,
    RootFS: obj({ Type: str(), Layers: strArr(), BaseLayer: str() }, ['Type']),
    Metadata: obj({ LastTagTime: str() }),
  },
  [
    'Id',
    'Parent',
    'Comment',
    'Created',
    'Container',
    'DockerVersion',
    'Author',
    'Architecture',
    'Os',
    'Size',
    'VirtualSize',
    'GraphDriver',
    'RootFS',
  ],
);

/**
 * One item of GET /images/json (swagger ImageSummary). All ten fields are required; dockerd sends
 * `RepoDigests: null` for an image loaded from a tar (no registry digest) and `Labels: null` for an
 * image without labels.
 */
export const ImageSummary = obj(
  {
    Id: imageId(),
    ParentId: str(),
    RepoTags: strArr(),
    RepoDigests: nullable(strArr()),
    Created: int(),
    Size: int({ minimum: 0 }),
    SharedSize: int({ minimum: -1 }),
    VirtualSize: int({ minimum: 0 }),
    Labels: nullable(strMap()),
    Containers: int({ minimum: -1 }),
  },
  [
    'Id',
    'ParentId',
    'RepoTags',
    'RepoDigests',
    'Created',
    'Size',
    'SharedSize',
    'VirtualSize',
    'Labels',
    'Containers',
  ],
);

/** One item of GET /images/{name}/history. dockerd sends `Tags: null` for untagged layers. */
export const HistoryResponseItem = obj(
  {
    Id: str({ minLength: 1 }),
    Created: int(),
    CreatedBy: str(),
    Tags: nullable(strArr()),
    Size: int({ minimum: 0 }),
    Comment: str(),
  },
  ['Id', 'Created', 'CreatedBy', 'Tags', 'Size', 'Comment'],
);

/** One item of DELETE /images/{name} and of ImagesDeleted: an untagged reference or a deleted ID. */
export const ImageDeleteResponseItem = {
  ...obj({ Untagged: str({ minLength: 1 }), Deleted: str({ minLength: 1 }) }),
  anyOf: [{ required: ['Untagged'] }, { required: ['Deleted'] }],
};

/** POST /images/prune. dockerd sends `ImagesDeleted: null` when nothing went. */
export const ImagePruneResponse = obj(
  {
    ImagesDeleted: nullable({ type: 'array', items: ImageDeleteResponseItem }),
    SpaceReclaimed: int({ minimum: 0 }),
  },
  [],
  ['ImagesDeleted', 'SpaceReclaimed'],
);

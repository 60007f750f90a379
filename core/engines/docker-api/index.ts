// Docker-compatible Engine API client: the public surface.

export type * from '../../../spec/docker-api/containers.js';
export type * from '../../../spec/docker-api/exec.js';
export type * from '../../../spec/docker-api/host-config.js';
export type * from '../../../spec/docker-api/images.js';
export type * from '../../../spec/docker-api/networks.js';
export type * from '../../../spec/docker-api/system.js';
export type * from '../../../spec/docker-api/volumes.js';
export { type DockerAddress, parseDockerAddress } from './address.js';
export {
  compareApiVersions,
  DEFAULT_MAX_API_VERSION,
  negotiateApiVersion,
  versionedPath,
} from './api-version.js';
export type { CallOptions } from './call-options.js';
export { DockerApiClient } from './client.js';
export type { AttachOptions, FrameStream, LogsOptions } from './container-streams.js';
export type { ContainerListOptions, RemoveOptions, StopOptions, WaitCondition } from './containers.js';
export {
  DEFAULT_STREAM_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  DockerApiCore,
  type DockerApiOptions,
  type RequestOptions,
  type StreamOptions,
} from './core.js';
export {
  type CollectedOutput,
  collectFrames,
  createDemuxTransform,
  demuxFrames,
  type Frame,
  FrameDemuxer,
  outputFrames,
  type StreamName,
  ttyFrames,
} from './demux.js';
export { describeDockerApi, productName } from './describe.js';
export type { EventStream, EventsOptions } from './events.js';
export type { ExecRunResult, ExecStartOptions } from './exec.js';
export type { HijackedConnection, HijackRequest } from './hijack.js';
export type { ImageLoadResult, RegistryAuth, TransferOptions } from './image-transfer.js';
export type { ImageListOptions, ImageRemoveOptions } from './images.js';
export { JsonSplitter, jsonValues } from './json-stream.js';
export { collectProgress, loadedImages, type ProgressMessage, progressMessages } from './progress.js';
export type { Filters, QueryParams } from './query.js';
export type { RawResponse } from './raw-response.js';
export type { HijackedSession } from './session.js';
export type { PingResult } from './system.js';
export type { RequestBody, ResponseHeaders, StreamingResponse } from './transport.js';

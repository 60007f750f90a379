export type { BlobContent, BlobInfo, ByteRange } from './blobs.js';
export {
  DEFAULT_REGISTRY_TIMEOUT_MS,
  RegistryClient,
  type RegistryClientOptions,
  registryBaseUrl,
} from './client.js';
export { describeRegistry } from './describe.js';
export { type DigestAlgorithm, digestMatches, digestOf, isDigest } from './digest.js';
export {
  parseErrorBody,
  RegistryError,
  type RegistryErrorEntry,
  RegistryProtocolError,
  registryError,
} from './errors.js';
export { nextLink } from './link.js';
export type { AcceptOptions, Manifest, ManifestInfo, ManifestPushed } from './manifests.js';
export { bareMediaType, DEFAULT_MANIFEST_ACCEPT } from './media-types.js';
export type { PingResult } from './ping.js';
export { type BlobUploadMethod, type PushedImage, type PushImageOptions, pushImage } from './push-image.js';
export type { ReferrersResult } from './referrers.js';
export type { TagList, TagPage } from './tags.js';
export { buildTestImage, buildTestIndex, type ImageContent, type TestImageOptions } from './test-image.js';
export { headerValue, type QueryValue, type RawOptions, type RawResponse } from './transport.js';
export type { BlobPushed, UploadSession } from './upload-session.js';
export type { MountResult, UploadStatus } from './uploads.js';

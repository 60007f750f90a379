import type { SchemaObject } from 'ajv/dist/2020.js';
import { ErrorResponse, IdResponse } from './common.js';
import {
  ContainerChangeResponseItem,
  ContainerCreateResponse,
  ContainerInspect,
  ContainerPruneResponse,
  ContainerSummary,
  ContainerTopResponse,
  ContainerWaitResponse,
} from './containers.js';
import { SystemDataUsageResponse } from './data-usage.js';
import { ExecInspect } from './exec.js';
import {
  HistoryResponseItem,
  ImageDeleteResponseItem,
  ImageInspect,
  ImagePruneResponse,
  ImageSummary,
} from './images.js';
import { Network, NetworkCreateResponse, NetworkPruneResponse } from './networks.js';
import { Plugin } from './plugins.js';
import { EventMessage, SystemInfo, SystemVersion } from './system.js';
import { BuildPruneResponse, DistributionInspectResponse, SystemAuthResponse } from './transfer.js';
import { Volume, VolumeListResponse, VolumePruneResponse } from './volumes.js';

/** Every response-body schema of the suite, by the swagger's name for it. */
export const SCHEMAS = {
  ContainerInspect,
  ContainerSummary,
  ContainerWaitResponse,
  ContainerTopResponse,
  ContainerCreateResponse,
  ContainerChangeResponseItem,
  ContainerPruneResponse,
  ImageInspect,
  ImageSummary,
  HistoryResponseItem,
  ImageDeleteResponseItem,
  ImagePruneResponse,
  Volume,
  VolumeListResponse,
  VolumePruneResponse,
  Network,
  NetworkCreateResponse,
  NetworkPruneResponse,
  SystemInfo,
  SystemVersion,
  EventMessage,
  ExecInspect,
  IdResponse,
  ErrorResponse,
  SystemDataUsageResponse,
  SystemAuthResponse,
  DistributionInspectResponse,
  BuildPruneResponse,
  Plugin,
} as const satisfies Record<string, SchemaObject>;

export type SchemaName = keyof typeof SCHEMAS;

export const SCHEMA_NAMES = Object.keys(SCHEMAS) as SchemaName[];

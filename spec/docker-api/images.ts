import type { ContainerConfig } from './containers.js';

// Engine API image objects (swagger v1.41: ImageSummary, Image, HistoryResponseItem, ...).

export interface ImageSummary {
  readonly Id: string;
  readonly ParentId: string;
  readonly RepoTags: readonly string[] | null;
  readonly RepoDigests: readonly string[] | null;
  readonly Created: number;
  readonly Size: number;
  readonly SharedSize: number;
  readonly VirtualSize: number;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly Containers: number;
}

export interface ImageInspect {
  readonly Id: string;
  readonly RepoTags?: readonly string[];
  readonly RepoDigests?: readonly string[];
  readonly Parent: string;
  readonly Comment: string;
  readonly Created: string;
  readonly Container: string;
  readonly ContainerConfig?: ContainerConfig;
  readonly DockerVersion: string;
  readonly Author: string;
  readonly Config?: ContainerConfig;
  readonly Architecture: string;
  readonly Os: string;
  readonly OsVersion?: string;
  readonly Size: number;
  readonly VirtualSize: number;
  readonly GraphDriver: { readonly Name: string; readonly Data: Readonly<Record<string, string>> | null };
  readonly RootFS: {
    readonly Type: string;
    readonly Layers?: readonly string[];
    readonly BaseLayer?: string;
  };
  readonly Metadata?: { readonly LastTagTime?: string };
}

export interface ImageHistoryItem {
  readonly Id: string;
  readonly Created: number;
  readonly CreatedBy: string;
  readonly Tags: readonly string[] | null;
  readonly Size: number;
  readonly Comment: string;
}

export interface ImageDeleteResponseItem {
  readonly Untagged?: string;
  readonly Deleted?: string;
}

export interface ImagePruneResponse {
  readonly ImagesDeleted?: readonly ImageDeleteResponseItem[] | null;
  readonly SpaceReclaimed?: number;
}

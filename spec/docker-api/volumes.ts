// Engine API volume objects (swagger v1.41: Volume, VolumeCreate, VolumeList).

export interface Volume {
  readonly Name: string;
  readonly Driver: string;
  readonly Mountpoint: string;
  readonly CreatedAt?: string;
  readonly Status?: Readonly<Record<string, unknown>>;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly Scope: 'local' | 'global';
  readonly Options: Readonly<Record<string, string>> | null;
  readonly UsageData?: { readonly Size: number; readonly RefCount: number } | null;
}

export interface VolumeCreateRequest {
  readonly Name?: string;
  readonly Driver?: string;
  readonly DriverOpts?: Readonly<Record<string, string>>;
  readonly Labels?: Readonly<Record<string, string>>;
}

export interface VolumeListResponse {
  readonly Volumes: readonly Volume[] | null;
  readonly Warnings: readonly string[] | null;
}

// Engine API network objects (swagger v1.41: Network, EndpointSettings, IPAM, NetworkCreate).

export interface EndpointSettings {
  readonly IPAMConfig?: {
    readonly IPv4Address?: string;
    readonly IPv6Address?: string;
    readonly LinkLocalIPs?: readonly string[];
  } | null;
  readonly Links?: readonly string[] | null;
  readonly Aliases?: readonly string[] | null;
  readonly NetworkID?: string;
  readonly EndpointID?: string;
  readonly Gateway?: string;
  readonly IPAddress?: string;
  readonly IPPrefixLen?: number;
  readonly IPv6Gateway?: string;
  readonly GlobalIPv6Address?: string;
  readonly GlobalIPv6PrefixLen?: number;
  readonly MacAddress?: string;
  readonly DriverOpts?: Readonly<Record<string, string>> | null;
}

export interface Ipam {
  readonly Driver?: string;
  readonly Config?: readonly Readonly<Record<string, string>>[] | null;
  readonly Options?: Readonly<Record<string, string>> | null;
}

export interface Network {
  readonly Name?: string;
  readonly Id?: string;
  readonly Created?: string;
  readonly Scope?: string;
  readonly Driver?: string;
  readonly EnableIPv6?: boolean;
  readonly IPAM?: Ipam;
  readonly Internal?: boolean;
  readonly Attachable?: boolean;
  readonly Ingress?: boolean;
  readonly Containers?: Readonly<
    Record<
      string,
      {
        readonly Name?: string;
        readonly EndpointID?: string;
        readonly MacAddress?: string;
        readonly IPv4Address?: string;
        readonly IPv6Address?: string;
      }
    >
  >;
  readonly Options?: Readonly<Record<string, string>>;
  readonly Labels?: Readonly<Record<string, string>>;
}

export interface NetworkCreateRequest {
  readonly Name: string;
  readonly CheckDuplicate?: boolean;
  readonly Driver?: string;
  readonly Internal?: boolean;
  readonly Attachable?: boolean;
  readonly Ingress?: boolean;
  readonly IPAM?: Ipam;
  readonly EnableIPv6?: boolean;
  readonly Options?: Readonly<Record<string, string>>;
  readonly Labels?: Readonly<Record<string, string>>;
}

export interface NetworkCreateResponse {
  readonly Id?: string;
  readonly Warning?: string;
}

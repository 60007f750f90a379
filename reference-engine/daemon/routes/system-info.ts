import { readdirSync } from 'node:fs';
import type { DaemonContext } from '../context.js';
import type { Routes } from '../http/app.js';
import { countContainers } from '../system/container-counts.js';
import { engineId } from '../system/engine-id.js';
import { hostFacts } from '../system/host-facts.js';

/** GET /info (SystemInfo): real counts, this host's figures, and what shipd supports. */
export function registerSystemInfo(app: Routes, ctx: DaemonContext): void {
  const id = engineId(ctx.config.root);
  app.get('/info', async () => {
    const host = hostFacts();
    const counts = countContainers(ctx.containers.all());
    const runtimes: Record<string, { path: string }> = { shiprun: { path: 'shiprun' } };
    for (const [name, path] of Object.entries(ctx.config.runtimes)) runtimes[name] = { path };
    return {
      ID: id,
      ...counts,
      Images: ctx.images.list().length,
      Driver: ctx.driver.name,
      DriverStatus: [],
      Plugins: { Volume: ['local'], Network: ['host', 'null'], Authorization: null, Log: ['json-file'] },
      MemoryLimit: true,
      SwapLimit: true,
      KernelMemory: false,
      KernelMemoryTCP: false,
      CpuCfsPeriod: true,
      CpuCfsQuota: true,
      CPUShares: true,
      CPUSet: true,
      PidsLimit: true,
      IPv4Forwarding: false,
      BridgeNfIptables: false,
      BridgeNfIp6tables: false,
      Debug: ctx.config.logLevel === 'debug',
      NFd: openFds(),
      OomKillDisable: true,
      NGoroutines: 0,
      SystemTime: new Date().toISOString(),
      LoggingDriver: 'json-file',
      CgroupDriver: 'cgroupfs',
      CgroupVersion: host.cgroupVersion,
      NEventsListener: 0,
      KernelVersion: host.kernelVersion,
      OperatingSystem: host.operatingSystem,
      OSVersion: host.osVersion,
      OSType: 'linux',
      Architecture: host.architecture,
      IndexServerAddress: 'https://index.docker.io/v1/',
      RegistryConfig: null,
      NCPU: host.ncpu,
      MemTotal: host.memTotal,
      GenericResources: null,
      DockerRootDir: ctx.config.root,
      HttpProxy: '',
      HttpsProxy: '',
      NoProxy: '',
      Name: host.name,
      Labels: [],
      ExperimentalBuild: false,
      ServerVersion: ctx.config.version,
      Runtimes: runtimes,
      DefaultRuntime: ctx.config.defaultRuntime,
      Swarm: {
        NodeID: '',
        NodeAddr: '',
        LocalNodeState: 'inactive',
        ControlAvailable: false,
        Error: '',
        RemoteManagers: null,
      },
      LiveRestoreEnabled: ctx.config.liveRestore,
      Isolation: '',
      InitBinary: '',
      ContainerdCommit: { ID: '', Expected: '' },
      RuncCommit: { ID: '', Expected: '' },
      InitCommit: { ID: '', Expected: '' },
      SecurityOptions: ['name=seccomp,profile=builtin'],
      Warnings: null,
    };
  });
}

function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

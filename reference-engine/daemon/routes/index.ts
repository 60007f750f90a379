import type { RegisterRoutes } from '../context.js';
import { registerHijackRoutes } from '../streams/hijack-routes.js';
import { registerBuild } from './build.js';
import { registerCommit } from './commit.js';
import { registerContainersArchive } from './containers-archive.js';
import { registerContainersCreate } from './containers-create.js';
import { registerContainersEdit } from './containers-edit.js';
import { registerContainersExport } from './containers-export.js';
import { registerContainersLifecycle } from './containers-lifecycle.js';
import { registerContainersLogs } from './containers-logs.js';
import { registerContainersRead } from './containers-read.js';
import { registerContainersRemove } from './containers-remove.js';
import { registerContainersResize } from './containers-resize.js';
import { registerContainersStats } from './containers-stats.js';
import { registerContainersWait } from './containers-wait.js';
import { registerExec } from './exec.js';
import { registerImagesByName } from './images-by-name.js';
import { registerImagesList } from './images-list.js';
import { registerImagesTransfer } from './images-transfer.js';
import { registerNetworks } from './networks.js';
import { registerPlugins } from './plugins.js';
import { registerSwarm } from './swarm.js';
import { registerSystemAuth } from './system-auth.js';
import { registerSystemDf } from './system-df.js';
import { registerSystemEvents } from './system-events.js';
import { registerSystemInfo } from './system-info.js';
import { registerSystemPing } from './system-ping.js';
import { registerSystemVersion } from './system-version.js';
import { registerVolumes } from './volumes.js';

export type { RegisterRoutes };

/** Every API area, registered in this order. Each route file adds its own line here. */
export const ROUTES: readonly RegisterRoutes[] = [
  registerSystemPing,
  registerSystemVersion,
  registerSystemInfo,
  registerSystemEvents,
  registerSystemDf,
  registerSystemAuth,
  registerImagesList,
  registerImagesTransfer,
  registerImagesByName,
  registerCommit,
  registerBuild,
  registerContainersCreate,
  registerContainersRead,
  registerContainersLifecycle,
  registerContainersWait,
  registerContainersEdit,
  registerContainersRemove,
  registerContainersLogs,
  registerContainersResize,
  registerContainersStats,
  registerContainersArchive,
  registerContainersExport,
  registerExec,
  registerHijackRoutes,
  registerVolumes,
  registerNetworks,
  registerSwarm,
  registerPlugins,
];

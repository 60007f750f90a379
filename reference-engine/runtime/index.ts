/** shiprun as a library: the OCI runtime operations in process (no Node start per operation). */

export type { OciConfig } from './config/oci-config.js';
export { validateConfig } from './config/validate-config.js';
export { type CreatedContainer, type CreateOptions, createContainer } from './lifecycle/create.js';
export { deleteContainer } from './lifecycle/delete.js';
export { type ExecOptions, execInContainer, type StartedExec, spawnExec } from './lifecycle/exec.js';
export { type ExitStatus, recordedExit, waitRecordedExit } from './lifecycle/exit-status.js';
export { createWithRuntime, type ExternalRuntime } from './lifecycle/external-runtime.js';
export { killContainer } from './lifecycle/kill.js';
export { nativeLauncher } from './lifecycle/native-launcher.js';
export { containerPids, pauseContainer, resumeContainer } from './lifecycle/pause.js';
export { type RunOptions, runContainer } from './lifecycle/run.js';
export { shimExit } from './lifecycle/spawn-shim.js';
export { startContainer } from './lifecycle/start.js';
export { type ContainerState, containerState, listContainers } from './lifecycle/state.js';
export type { LogStdio, StdioSpec, StdioTarget } from './lifecycle/stdio.js';
export { openStdin, resizeFifoPath, stdinFifoPath, writeResize } from './lifecycle/stdio-paths.js';
export { DEFAULT_ROOT } from './state/state-dir.js';
export type { ContainerStatus } from './state/status.js';

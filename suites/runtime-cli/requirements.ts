/**
 * The runc CLI contract: what engines (containerd's runc shim, dockerd, Podman's conmon) call a runtime
 * binary for beyond the five operations of the runtime-spec. The reference is runc's own documentation,
 * its man pages (runc-exec(8), runc-pause(8), ...) and `runc COMMAND --help`; each row says in our own
 * words what one behaviour is, and where runc defines it. Tests name these ids; coverage counts them.
 */
export type ContractLevel = 'MUST' | 'SHOULD';

export interface ContractRequirement {
  /** `runtime-cli:<command>.<what>`. */
  readonly id: string;
  /** MUST: engines depend on it; SHOULD: runc does it and tools read it, but nothing breaks without. */
  readonly level: ContractLevel;
  /** Where runc defines it: a man page (`runc-exec(8)`) or the command's help. */
  readonly source: string;
  /** The option or heading there, e.g. `--detach`. */
  readonly section: string;
  readonly text: string;
}

const row =
  (source: string) =>
  (id: string, level: ContractLevel, section: string, text: string): ContractRequirement => ({
    id: `runtime-cli:${id}`,
    level,
    source,
    section,
    text,
  });

const exec = row('runc-exec(8)');
const pause = row('runc-pause(8)');
const resume = row('runc-resume(8)');
const ps = row('runc-ps(8)');
const update = row('runc-update(8)');
const events = row('runc-events(8)');
const list = row('runc-list(8)');
const kill = row('runc-kill(8)');
const del = row('runc-delete(8)');
const global = row('runc(8)');
const features = row('runc features --help');
const checkpoint = row('runc-checkpoint(8)');
const restore = row('runc-restore(8)');

export const REQUIREMENTS: readonly ContractRequirement[] = [
  exec('exec.namespaces', 'MUST', 'DESCRIPTION', 'the new process joins every namespace of the container'),
  exec('exec.cgroup', 'MUST', 'DESCRIPTION', 'the new process joins the cgroups of the container'),
  exec('exec.process-args', 'MUST', '--process', 'the process file gives the program and its arguments'),
  exec('exec.process-env', 'MUST', '--process', 'the process file gives the whole environment'),
  exec('exec.process-cwd', 'MUST', '--process', 'the process file gives the working directory'),
  exec('exec.process-user', 'MUST', '--process', 'the process file gives uid, gid and additional gids'),
  exec('exec.process-caps', 'MUST', '--process', 'the process file gives the capability sets'),
  exec(
    'exec.command',
    'MUST',
    'USAGE',
    'without a process file the command after the id runs with the settings of the container process',
  ),
  exec('exec.env-flag', 'SHOULD', '--env', '--env adds a variable to the environment the process gets'),
  exec('exec.cwd-flag', 'SHOULD', '--cwd', '--cwd sets the working directory of the command'),
  exec('exec.user-flag', 'SHOULD', '--user', '--user sets uid and gid of the command'),
  exec('exec.exit-status', 'MUST', 'DESCRIPTION', 'a foreground exec exits with the status of its process'),
  exec(
    'exec.stdio',
    'MUST',
    'DESCRIPTION',
    "a foreground exec's output reaches the caller's stdout and stderr",
  ),
  exec('exec.detach', 'MUST', '--detach', '--detach returns while the process goes on running'),
  exec('exec.pid-file', 'MUST', '--pid-file', 'the pid file holds the host pid of the new process'),
  exec('exec.preserve-fds', 'MUST', '--preserve-fds', 'N extra descriptors after stdio reach the process'),
  exec(
    'exec.console-socket',
    'MUST',
    '--console-socket',
    "a terminal process's pty master is sent over the socket and the process has the pty as stdio",
  ),
  exec(
    'exec.tty-needs-socket',
    'SHOULD',
    '--tty',
    'a detached terminal exec without a console socket is refused',
  ),
  exec('exec.not-running', 'MUST', 'DESCRIPTION', 'exec into a stopped container fails and runs nothing'),
  exec('exec.paused', 'MUST', '--ignore-paused', 'exec into a paused container is refused by default'),
  exec(
    'exec.bad-process',
    'MUST',
    '--process',
    'a malformed or incomplete process file is refused and the container is unchanged',
  ),
  exec('exec.no-command', 'MUST', 'USAGE', 'an exec with neither a command nor a process file is an error'),

  pause('pause.freezer', 'MUST', 'DESCRIPTION', "pause freezes the container's cgroup (the freezer)"),
  pause('pause.status', 'MUST', 'DESCRIPTION', 'a paused container has status paused in state and list'),
  pause('pause.stops', 'MUST', 'DESCRIPTION', 'no process of a paused container makes progress'),
  pause(
    'pause.not-running',
    'MUST',
    'DESCRIPTION',
    'pause of a stopped or paused container fails, unchanged',
  ),
  pause('pause.kill', 'MUST', 'runc-kill(8)', 'SIGKILL stops a paused container'),
  pause(
    'pause.signal-pending',
    'SHOULD',
    'runc-kill(8)',
    'a signal sent to a paused container reaches it once resumed',
  ),
  pause('pause.delete', 'MUST', 'runc-delete(8)', 'delete refuses a paused container; --force removes it'),
  resume('resume.thaws', 'MUST', 'DESCRIPTION', 'resume thaws the cgroup and the status is running again'),
  resume('resume.continues', 'MUST', 'DESCRIPTION', 'the processes make progress again after resume'),
  resume('resume.not-paused', 'MUST', 'DESCRIPTION', 'resume of a container that is not paused fails'),

  ps('ps.json', 'MUST', '--format', '--format json prints a JSON array of host pids'),
  ps('ps.all-processes', 'MUST', 'DESCRIPTION', 'ps lists the init and every other process of the container'),
  ps('ps.only-container', 'MUST', 'DESCRIPTION', 'ps lists no process from outside the container'),
  ps('ps.stopped', 'SHOULD', 'DESCRIPTION', 'a stopped container has no processes to list'),
  ps('ps.table', 'SHOULD', '--format', 'the table format has a PID column with the host pids'),

  update('update.memory', 'MUST', '--memory', 'the memory limit changes in the cgroup'),
  update('update.memory-enforced', 'MUST', '--memory', 'a process above the new memory limit is stopped'),
  update('update.cpu', 'MUST', '--cpu-share', 'CPU shares, quota and period change in the cgroup'),
  update('update.cpuset', 'MUST', '--cpuset-cpus', 'the CPUs the container may use change in the cgroup'),
  update('update.pids', 'MUST', '--pids-limit', 'the pids limit changes in the cgroup'),
  update('update.pids-enforced', 'MUST', '--pids-limit', 'a fork beyond the new pids limit fails inside'),
  update('update.blkio', 'SHOULD', '--blkio-weight', 'the block IO weight changes in the cgroup'),
  update('update.resources-file', 'MUST', '--resources', 'a resources document is read from a file'),
  update('update.resources-stdin', 'MUST', '--resources', "'-' reads the resources document from stdin"),
  update('update.keeps-others', 'MUST', 'DESCRIPTION', 'limits not named in the update keep their values'),
  update('update.not-running', 'MUST', 'DESCRIPTION', 'update of a stopped container fails'),
  update('update.bad-resources', 'MUST', '--resources', 'a malformed resources document changes nothing'),

  events('events.stats', 'MUST', '--stats', '--stats prints one stats event as JSON and exits 0'),
  events('events.stats-fields', 'MUST', '--stats', 'the stats carry CPU, memory and pids usage'),
  events('events.stats-limits', 'MUST', '--stats', "the stats report the container's current limits"),
  events('events.stream', 'MUST', '--interval', 'without --stats, stats events come every interval'),
  events('events.stream-ends', 'MUST', 'DESCRIPTION', 'the stream ends once the container is deleted'),
  events('events.not-running', 'MUST', 'DESCRIPTION', '--stats of a stopped container fails'),

  list('list.json', 'MUST', '--format', 'json lists id, pid, status, bundle and created per container'),
  list('list.statuses', 'MUST', 'DESCRIPTION', 'list shows each container with its current status'),
  list('list.only-root', 'MUST', 'DESCRIPTION', 'list shows the containers under --root and no others'),
  list('list.quiet', 'SHOULD', '--quiet', '--quiet prints only the ids'),
  list(
    'list.table',
    'SHOULD',
    '--format',
    'the table format has a first column of ids (runc: ID; crun: NAME)',
  ),

  kill('kill.all', 'MUST', '--all', '--all sends the signal to every process of the container'),
  kill('kill.all-stops', 'MUST', '--all', '--all with SIGKILL leaves no process in the container'),
  kill('kill.init-only', 'MUST', 'DESCRIPTION', 'without --all only the init process gets the signal'),
  kill('kill.default-signal', 'MUST', 'USAGE', 'the signal defaults to SIGTERM'),

  del('delete.force-processes', 'MUST', '--force', '--force kills every process of a running container'),
  del('delete.force-cgroup', 'MUST', '--force', "--force removes the container's cgroups"),
  del('delete.force-state', 'MUST', '--force', '--force removes the state: state fails, list omits it'),
  del('delete.force-created', 'MUST', '--force', '--force removes a created container that never ran'),
  del('delete.force-missing', 'SHOULD', '--force', '--force of an id that does not exist succeeds'),
  del('delete.running-refused', 'MUST', 'DESCRIPTION', 'delete without --force refuses a running container'),

  global(
    'global.log-json',
    'MUST',
    '--log-format',
    'with json, every line of --log is JSON with level, msg, time',
  ),
  global('global.log-error', 'MUST', '--log', 'a failure is logged at level error and exits non-zero'),
  global('global.log-text', 'SHOULD', '--log-format', 'the text format writes level=... msg=... lines'),
  global('global.root', 'MUST', '--root', 'containers live under --root and are unseen under another root'),
  global('global.root-created', 'MUST', '--root', 'a --root that does not exist yet is made by create'),
  global(
    'global.systemd-cgroup',
    'MUST',
    '--systemd-cgroup',
    'cgroups are made through systemd (slice:prefix:name)',
  ),
  global(
    'global.systemd-absent',
    'SHOULD',
    '--systemd-cgroup',
    'without systemd the flag is refused and nothing is created',
  ),

  features(
    'features.document',
    'MUST',
    'DESCRIPTION',
    'features prints a JSON document with its OCI versions',
  ),
  features('features.linux', 'SHOULD', 'DESCRIPTION', 'features lists the namespaces and capabilities known'),
  features('features.no-state', 'SHOULD', 'DESCRIPTION', 'features needs no container and writes no state'),

  checkpoint(
    'checkpoint.image',
    'MUST',
    '--image-path',
    'checkpoint writes the image and stops the container',
  ),
  checkpoint('checkpoint.leave-running', 'MUST', '--leave-running', 'the container keeps running'),
  restore('restore.resumes', 'MUST', 'DESCRIPTION', 'restore brings the container back where it stopped'),

  global(
    'errors.unknown-id',
    'MUST',
    'USAGE',
    'a command on an unknown id fails with a message, creating nothing',
  ),
  global('errors.no-id', 'MUST', 'USAGE', 'a command that needs an id fails without one'),
];

export const requirementById = (id: string): ContractRequirement | undefined =>
  REQUIREMENTS.find((r) => r.id === id);

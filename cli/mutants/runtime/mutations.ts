/**
 * Deliberately wrong runtimes for the runtime-cli suite: runc behind mutant-runtime.sh, which changes
 * one behaviour (named here; the bash is in its `case`). `expectFailing` lists the suite tests that
 * must fail against it; together the mutations cover every test of the suite that runs on runc here.
 */
export interface RuntimeMutation {
  /** Also the case label in mutant-runtime.sh and the runtime's name in reports. */
  readonly name: string;
  readonly description: string;
  readonly expectFailing: readonly string[];
}

const suite =
  (file: string, describe: string) =>
  (...names: string[]): string[] =>
    names.map((n) => `runtime-cli/${file}.test.ts > ${describe} > ${n}`);

const execFile = suite('exec', 'exec --process: the process file, inside the container');
const execCommand = suite('exec', 'exec COMMAND: the container process settings');
const execForeground = suite('exec', 'exec in the foreground');
const execDetach = suite('exec', 'exec --detach and --pid-file');
const execFds = suite('exec', 'exec --preserve-fds');
const execConsole = suite('exec', 'exec --console-socket');
const execErrors = suite('exec', 'exec errors');
const pause = suite('pause', 'pause');
const resume = suite('pause', 'resume');
const paused = suite('pause', 'signals and delete of a paused container');
const ps = suite('ps', 'ps');
const updateLimits = suite('update', 'update: limits in the cgroup');
const updatePids = suite('update', 'update: the pids limit is enforced');
const updateDocs = suite('update', 'update: resources documents');
const stats = suite('events', 'events --stats');
const stream = suite('events', 'events (stream)');
const list = suite('list', 'list');
const killAll = suite('kill', 'kill --all');
const killInit = suite('kill', 'kill without --all');
const deleteForce = suite('delete', 'delete --force of a running container');
const del = suite('delete', 'delete');
const logs = suite('global', '--log and --log-format');
const root = suite('global', '--root');
const systemd = suite('global', '--systemd-cgroup');
const features = suite('features', 'features');
const COMMANDS = [
  'state',
  'start',
  'kill',
  'delete',
  'pause',
  'resume',
  'ps',
  'update',
  'events --stats',
  'exec',
];
const errors = COMMANDS.flatMap((c) =>
  suite('errors', `'${c}'`)(
    'fails on an unknown id with a message and creates nothing',
    'fails without an id',
  ),
);

const m = (name: string, description: string, ...expectFailing: string[][]): RuntimeMutation => ({
  name,
  description,
  expectFailing: expectFailing.flat(),
});

export const RUNTIME_MUTATIONS: readonly RuntimeMutation[] = [
  m(
    'exec-on-host',
    'exec --process runs the program chrooted on the host: no namespace, no cgroup of the container',
    execFile('runs in every namespace of the container', 'runs in the cgroups of the container'),
  ),
  m(
    'exec-args-appended',
    'exec --process adds an argument',
    execFile('runs the program and arguments of the file'),
  ),
  m(
    'exec-env-dropped',
    'exec --process replaces the environment with PATH only',
    execFile('gives the environment of the file, not the container one'),
  ),
  m(
    'exec-cwd-ignored',
    'exec --process starts in /',
    execFile('starts in the working directory of the file'),
  ),
  m('exec-user-ignored', 'exec --process runs as root', execFile('runs as the user of the file')),
  m(
    'exec-caps-ignored',
    'exec --process drops the capabilities of the file',
    execFile('has the capability sets of the file'),
  ),
  m(
    'exec-command-cwd',
    'exec COMMAND starts in /bin instead of the config cwd',
    execCommand('runs the command with the env, cwd and user of config.json'),
  ),
  m(
    'exec-flags-dropped',
    'exec ignores --env, --cwd and --user',
    execCommand(
      '--env adds a variable and keeps the others',
      '--cwd sets the working directory',
      '--user sets uid and gid',
    ),
  ),
  m('exec-exit-zero', 'exec always exits 0', execForeground('exits with the status of the process')),
  m(
    'exec-output-dropped',
    "a foreground exec discards the process's output",
    execForeground("relays the process's stdout and stderr"),
  ),
  m(
    'exec-no-detach',
    'exec ignores --detach (waits for the process)',
    execDetach('--detach returns while the process keeps running'),
  ),
  m(
    'exec-pid-file-wrong',
    "exec --pid-file writes the init's pid",
    execDetach('--pid-file holds the host pid of the new process'),
  ),
  m(
    'exec-fds-dropped',
    'exec ignores --preserve-fds',
    execFds('--preserve-fds 1 passes fd 3 to the process'),
  ),
  m(
    'exec-fds-leaked',
    'exec passes fd 3 on without --preserve-fds',
    execFds('without --preserve-fds only stdio reaches the process'),
  ),
  m(
    'exec-terminal-ignored',
    'exec drops --console-socket and runs a terminal process without a pty',
    execConsole('a terminal process gets a pty whose master arrives on the socket'),
    execErrors('a detached terminal process without a console socket is refused'),
  ),
  m(
    'exec-lenient',
    'exec exits 0 without running anything on a stopped container, a bad process file or no command',
    execErrors(
      'fails on a stopped container and runs nothing',
      'refuses a process file that is not JSON',
      'refuses a process file without args',
      'fails with neither a command nor a process file',
    ),
  ),
  m(
    'exec-ignores-paused',
    'exec runs in a paused container (--ignore-paused)',
    execErrors('is refused in a paused container'),
  ),
  m(
    'pause-noop',
    'pause exits 0 and freezes nothing',
    pause(
      'freezes the cgroup of the container',
      'state says paused',
      'list says paused',
      'stops the counter of the container process',
    ),
    paused(
      'a signal sent while paused arrives after resume',
      'delete without --force refuses a paused container',
    ),
    list('shows created, running, paused and stopped containers as such'),
  ),
  m(
    'resume-noop',
    'resume exits 0 and thaws nothing',
    resume('thaws the cgroup and the status is running', 'the counter goes on after resume'),
    paused('a signal sent while paused arrives after resume'),
  ),
  m(
    'pause-lenient',
    'pause and resume exit 0 where runc refuses',
    pause(
      'fails on a paused container and leaves it paused',
      'fails on a stopped container and leaves it stopped',
    ),
    resume('fails on a running container and leaves it running'),
  ),
  m(
    'kill-paused-no-thaw',
    'SIGKILL to a paused container is sent without thawing it',
    paused('SIGKILL stops a paused container'),
  ),
  m(
    'ps-init-only',
    'ps lists the init only',
    ps('lists the processes started by exec as well', 'lists the children of the container processes'),
  ),
  m(
    'ps-extra-pid',
    'ps --format json adds pid 1 of the host',
    ps(
      '--format json prints the host pid of the init as a JSON array',
      'lists only processes of the container',
      'a stopped container lists no processes',
      'a process that exited is no longer listed',
    ),
  ),
  m(
    'ps-table-broken',
    'the ps table has no PID column',
    ps('the table format has a PID column holding the host pids'),
  ),
  m(
    'update-ignores-memory',
    'update ignores memory (flag and resources document)',
    updateLimits('--memory sets the memory limit', 'a process above the new memory limit is stopped'),
    updateDocs('--resources FILE applies memory and pids limits'),
    stats('reports limits changed by update'),
  ),
  m(
    'update-ignores-pids',
    'update ignores the pids limit (flag and resources document)',
    updateLimits('--pids-limit sets the pids limit'),
    updatePids('a fork beyond the new limit fails inside the container'),
    updateDocs('--resources - reads the document from stdin'),
  ),
  m(
    'update-pids-sticky',
    'update never raises a pids limit',
    updatePids('a limit raised again lets the fork through'),
  ),
  m(
    'update-ignores-cpu',
    'update ignores the CPU flags',
    updateLimits(
      '--cpu-share, --cpu-quota and --cpu-period set the CPU limits',
      '--cpuset-cpus sets the CPUs',
    ),
  ),
  m(
    'update-resets-others',
    'an update by flags without --memory also lifts the memory limit',
    updateDocs('limits the update does not name keep their values'),
  ),
  m(
    'update-lenient',
    'update exits 0 where runc refuses (a stopped container, a malformed document)',
    updateDocs('a malformed document is refused and changes nothing', 'fails on a stopped container'),
  ),
  m(
    'events-stats-fake',
    'events --stats prints zeros for any container, stopped or not',
    stats(
      'reports CPU and memory usage and the pids in use',
      'counts a process started by exec',
      'reports the limits of the config',
      'fails on a stopped container',
    ),
  ),
  m(
    'events-stats-twice',
    'events --stats prints two events',
    stats('prints one stats event as JSON and exits 0'),
  ),
  m(
    'events-stream-once',
    'events prints one event, then nothing, and never ends',
    stream('prints a stats event every interval', 'ends once the container is deleted'),
  ),
  m(
    'list-json-missing-bundle',
    'list --format json leaves out bundle',
    list('--format json gives id, pid, status, bundle and created'),
  ),
  m(
    'list-all-running',
    'list says running whatever the status',
    list('shows created, running, paused and stopped containers as such'),
  ),
  m(
    'list-extra',
    'list --format json adds a container that is not under --root',
    list('lists every container under --root and nothing else', 'an empty --root lists no containers'),
  ),
  m(
    'list-text-broken',
    'list ignores --quiet and prints its table without the header',
    list('--quiet prints the ids only', 'the table format has an ID column with the ids'),
  ),
  m(
    'kill-all-skips-init',
    'kill --all signals every process but the init',
    killAll(
      'sends the signal to every process of the container',
      'with SIGKILL leaves no process in the container',
    ),
  ),
  m('kill-always-all', 'kill always signals every process', killInit('signals the init process only')),
  m(
    'kill-default-kill',
    'kill without a signal sends SIGKILL',
    killInit('sends SIGTERM when no signal is named'),
  ),
  m(
    'delete-always-force',
    'delete always forces',
    del('without --force refuses a running container'),
    paused('delete without --force refuses a paused container'),
  ),
  m(
    'delete-force-leaves-processes',
    'delete --force removes the state directory only: processes and cgroups stay',
    deleteForce(
      'kills the init and every other process',
      "removes the container's cgroups",
      'removes a created container that never ran',
    ),
    paused('delete --force removes a paused container'),
  ),
  m(
    'delete-force-keeps-state',
    'delete --force of a live container only kills it',
    deleteForce('removes the state: state fails and list omits it'),
  ),
  m(
    'delete-force-missing-fails',
    'delete --force of a missing id fails',
    del('--force of an id that does not exist succeeds'),
  ),
  m(
    'log-text-always',
    'the log is always text',
    logs('json: every line has level, msg and time', 'a failure is logged at level error and exits non-zero'),
  ),
  m('log-json-always', 'the log is always JSON', logs('text: lines carry level= and msg=')),
  m(
    'root-not-created',
    'create fails when --root does not exist yet',
    root('create makes a root that does not exist yet'),
  ),
  m(
    'state-any-root',
    'state finds a container under a sibling of --root',
    root('keeps containers under the root given, unseen under another'),
  ),
  m(
    'systemd-ignored',
    '--systemd-cgroup is ignored',
    systemd('is refused without systemd, and nothing is created'),
  ),
  m(
    'features-broken',
    'features prints {} and makes the --root directory',
    features(
      'prints a JSON document with the OCI versions it supports',
      'lists the namespaces, capabilities and hooks it knows',
      'needs no container and writes no state',
    ),
  ),
  m('errors-swallowed', 'every command on a missing or unknown id exits 0 silently', errors),
];

/**
 * The attacks the security suite makes, one row each of the "attacks blocked" matrix (reports): a test
 * names the row it checks as a requirement id. `ATTACK` is the level, so coverage counts rows tried.
 */
export interface AttackRow {
  readonly id: string;
  readonly level: 'ATTACK';
  /** The CVE or class it stands for, and what blocked means. */
  readonly text: string;
}

const row = (id: string, text: string): AttackRow => ({ id: `attack:${id}`, level: 'ATTACK', text });

export const REQUIREMENTS: readonly AttackRow[] = [
  row('layer.traversal', 'layer members named ../ never land outside the storage'),
  row('layer.absolute-path', 'absolute member names stay inside the image'),
  row('layer.symlink-escape', 'a symlink out of the layer is never written through'),
  row('layer.hardlink-escape', 'a hardlink never links a host file into an image'),
  row('layer.symlink-chain', 'a chain of symlinks out of the layer is never written through'),
  row('layer.symlink-loop', 'a symlink loop is refused or kept inside, never a hang'),
  row('layer.whiteout-escape', 'whiteouts naming .., . or a path out delete nothing outside the image'),
  row('layer.opaque-whiteout', 'an opaque whiteout hides only lower layers of this image'),
  row('layer.device-node', 'device nodes from a layer do not open host devices from the container'),
  row('layer.setuid', 'set-id files stay inside the image'),
  row('layer.long-name', 'overlong names are refused or kept inside'),
  row('layer.pax-header', 'PAX path and link records are confined; huge records are bounded'),
  row('layer.duplicate-entry', 'duplicate members never open a way out'),
  row('layer.dir-replaced', 'a directory replaced by a file stays inside'),
  row('layer.hardlink-forward', 'a hardlink to a later or missing member is refused or confined'),
  row('layer.gzip-bomb', 'a gzip bomb (over 1000:1) leaves the engine answering'),
  row('layer.truncated-stream', 'a truncated layer is refused and leaves no image'),
  row('layer.trailing-garbage', 'garbage after a layer leaves the engine answering'),
  row('layer.refusal-clean', 'a refused malicious layer is refused with a message and leaves no image'),
  row('content.blob-digest', 'a blob whose digest does not match is refused'),
  row('content.diff-id', 'a layer whose diff_id does not match the config is refused'),
  row('content.missing-blob', 'a manifest naming a missing blob is refused'),
  row('isolation.fd-leak', 'only fds 0-2 are open in the container process at exec'),
  row('isolation.cwd-fd', 'CVE-2024-21626: a cwd of /proc/self/fd/N does not reach the host'),
  row(
    'isolation.exe-overwrite',
    'CVE-2019-5736: the runtime binary cannot be opened for writing from inside',
  ),
  row('isolation.masked-paths', "Docker's masked paths read nothing"),
  row('isolation.readonly-paths', "Docker's read-only paths are mounted read-only"),
  row('isolation.capabilities', "no capability beyond Docker's default set; no CAP_SYS_ADMIN"),
  row('isolation.no-new-privs', 'no_new_privs holds when asked for'),
  row(
    'isolation.seccomp',
    'the default seccomp profile blocks keyctl, add_key, unshare(CLONE_NEWUSER), mount',
  ),
  row('isolation.sys-readonly', '/sys is read-only'),
  row('isolation.cgroup-namespace', 'the container cannot write the host cgroup tree'),
  row('cp.symlink-get', 'CVE-2018-15664 class: an archive GET through a symlink reads nothing of the host'),
  row('cp.symlink-put', 'an archive PUT through a symlink writes nothing to the host'),
  row('cp.swap-race', 'CVE-2018-15664: a symlink swapped during copies reaches nothing of the host'),
  row('api.hostile-input', 'hostile API input: no crash, 4xx with a message, _ping answers after'),
  row('exposure.socket', 'the API socket is owned by root and not open to others'),
  row('exposure.tcp', 'the daemon listens on no TCP port unless configured to'),
];

/** The requirement id of an attack row, checked against the table. */
export function attack(id: string): string {
  const full = `attack:${id}`;
  if (!REQUIREMENTS.some((r) => r.id === full)) throw new Error(`unknown attack row ${full}`);
  return full;
}

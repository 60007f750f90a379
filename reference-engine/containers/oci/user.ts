import { InvalidArgument } from '../../errors.js';

/** The process user of an OCI config, plus the home directory (runc sets HOME from it when unset). */
export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids: number[];
  home: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

const isId = (s: string) => /^\d+$/.test(s);

export function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 7 && isId(f[2] ?? '') && isId(f[3] ?? ''))
    .map((f) => ({ name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '' }));
}

export function parseGroup(text: string): GroupEntry[] {
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 4 && isId(f[2] ?? ''))
    .map((f) => ({ name: f[0] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

/**
 * Docker's `User` (`name`, `uid`, `name:group`, `uid:gid`, ...) against the image's /etc/passwd and
 * /etc/group (either may be missing: numeric ids still work). The primary gid comes first in the
 * additional gids, then groups listing the user, then `groupAdd` (names or numbers), as dockerd does.
 */
export function resolveUser(
  spec: string,
  passwdText: string | undefined,
  groupText: string | undefined,
  groupAdd: readonly string[] = [],
): ResolvedUser {
  const passwd = parsePasswd(passwdText ?? '');
  const groups = parseGroup(groupText ?? '');
  const [userPart = '', groupPart] = spec.split(':', 2);
  const wantUser = userPart === '' ? 'root' : userPart;
  const entry = isId(wantUser)
    ? passwd.find((p) => p.uid === Number(wantUser))
    : passwd.find((p) => p.name === wantUser);
  if (!entry && !isId(wantUser) && !(wantUser === 'root' && userPart === ''))
    throw new InvalidArgument(`unable to find user ${wantUser}: no matching entries in passwd file`);
  const uid = entry?.uid ?? (isId(wantUser) ? Number(wantUser) : 0);
  let gid = entry?.gid ?? 0;
  if (groupPart !== undefined && groupPart !== '') gid = groupId(groupPart, groups);
  const name = entry?.name;
  const extra: number[] = [gid];
  if (groupPart === undefined || groupPart === '') {
    for (const g of groups) if (name !== undefined && g.members.includes(name)) extra.push(g.gid);
  }
  for (const g of groupAdd) extra.push(groupId(g, groups));
  return { uid, gid, additionalGids: [...new Set(extra)], home: entry?.home || '/' };
}

function groupId(spec: string, groups: readonly GroupEntry[]): number {
  if (isId(spec)) return Number(spec);
  const g = groups.find((e) => e.name === spec);
  if (!g) throw new InvalidArgument(`unable to find group ${spec}: no matching entries in group file`);
  return g.gid;
}

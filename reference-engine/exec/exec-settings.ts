import { InvalidArgument } from '../errors.js';
import type { ExecCreateBody, ExecSettings } from './types.js';

// dockerd's ExecConfig: Cmd and Env are []string (a plain string is refused), the flags are booleans.
const strings = (value: unknown, field: string): string[] => {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new InvalidArgument(`${field} must be a list of strings`);
};

const flag = (value: unknown, field: string): boolean => {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new InvalidArgument(`${field} must be a boolean`);
  return value;
};

const text = (value: unknown, field: string): string => {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidArgument(`${field} must be a string`);
  return value;
};

/** Checks an ExecConfig body (dockerd's words where it has them) and gives the exec's settings. */
export function execSettings(body: unknown): ExecSettings {
  if (body === undefined || body === null) throw new InvalidArgument('got EOF while reading request body');
  if (typeof body !== 'object' || Array.isArray(body))
    throw new InvalidArgument('the exec config must be a JSON object');
  const b = body as ExecCreateBody;
  const cmd = strings(b.Cmd, 'Cmd');
  if (cmd.length === 0) throw new InvalidArgument('No exec command specified');
  flag(b.Detach, 'Detach');
  const size = b.ConsoleSize;
  return {
    cmd,
    env: strings(b.Env, 'Env'),
    user: text(b.User, 'User'),
    workingDir: text(b.WorkingDir, 'WorkingDir'),
    tty: flag(b.Tty, 'Tty'),
    privileged: flag(b.Privileged, 'Privileged'),
    attachStdin: flag(b.AttachStdin, 'AttachStdin'),
    attachStdout: flag(b.AttachStdout, 'AttachStdout'),
    attachStderr: flag(b.AttachStderr, 'AttachStderr'),
    detachKeys: text(b.DetachKeys, 'DetachKeys'),
    ...(Array.isArray(size) && size.length === 2 && { consoleSize: { height: size[0], width: size[1] } }),
  };
}

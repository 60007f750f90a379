import { isShipshapeError } from '../../errors.js';
import { formatReport } from '../format-report.js';
import type { ValidateOptions } from '../types.js';
import { validateImage } from './validate-image.js';

export interface ValidateImageArgv extends ValidateOptions {
  readonly target: string;
  /** Print the report as JSON instead of text. */
  readonly json?: boolean;
}

/** Where the command writes; the CLI passes nothing (stdout/stderr), tests pass collectors. */
export interface CommandOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const STD: CommandOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** `shipshape validate-image <target> [--json]`: exit 0 valid, 1 invalid, 2 the target cannot be read. */
export async function runValidateImage(argv: ValidateImageArgv, io: CommandOutput = STD): Promise<number> {
  const { target, json, ...opts } = argv;
  try {
    const report = await validateImage(target, opts);
    io.out(json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.valid ? 0 : 1;
  } catch (err) {
    if (!isShipshapeError(err)) throw err;
    if (json) io.out(JSON.stringify({ target, error: { code: err.code, message: err.message } }, null, 2));
    io.err(err.message);
    return 2;
  }
}

import { describe, expect, it } from 'vitest';
import { logHasError, runtimeErrorMessage } from './log-message.js';

describe('runtimeErrorMessage', () => {
  it('prefers the last error-level msg of a JSON log', () => {
    const log = [
      '{"level":"error","msg":"first"}',
      '{"level":"warning","msg":"later warning"}',
      '{"msg":"container does not exist","level":"error","time":"t"}',
    ].join('\n');
    expect(runtimeErrorMessage(log, 'ignored')).toBe('container does not exist');
    expect(logHasError(log)).toBe(true);
  });

  it('reads logrus text lines and falls back to the last stderr line', () => {
    expect(runtimeErrorMessage('', 'x\ntime="t" level=error msg="say \\"hi\\""\n')).toBe('say "hi"');
    expect(runtimeErrorMessage('', 'plain failure\n')).toBe('plain failure');
    expect(runtimeErrorMessage('', '')).toBeUndefined();
    expect(logHasError('{"level":"info","msg":"ok"}')).toBe(false);
  });
});

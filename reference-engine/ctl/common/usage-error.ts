/** Bad command-line usage: printed as `shipctl: <message>`, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

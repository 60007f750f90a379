/**
 * What a run must undo when SIGINT or SIGTERM ends it: each part that made something (the embedded
 * shipd, the run's containers, the partial reports) registers a cleanup while it lives. On the first
 * signal the cleanups run newest first, each bounded, then the process exits 130 (SIGINT) or 143
 * (SIGTERM), as a shell reports a command ended by that signal. A second signal exits at once.
 */

type Cleanup = (signal: NodeJS.Signals) => Promise<void>;

const cleanups: { readonly name: string; readonly run: Cleanup }[] = [];
let interrupted: NodeJS.Signals | undefined;

/** 128 + the signal's number: what a shell reports for a command ended by it. */
export const exitCodeOfSignal = (signal: NodeJS.Signals): number => (signal === 'SIGINT' ? 130 : 143);

/** Registers `run` for an interrupt; the returned function unregisters it (call it once done). */
export function atInterrupt(name: string, run: Cleanup): () => void {
  const entry = { name, run };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** The signal that interrupted this run, once one did. */
export const interruptedBy = (): NodeJS.Signals | undefined => interrupted;

export interface InterruptIo {
  readonly say: (line: string) => void;
  readonly exit: (code: number) => void;
  /** Bound of each cleanup. */
  readonly stepMs?: number;
}

/** Runs every registered cleanup (newest first, each bounded), then exits with the signal's code. */
export async function interrupt(signal: NodeJS.Signals, io: InterruptIo): Promise<void> {
  if (interrupted) {
    io.say(`shipshape: ${signal} again: exiting without cleaning up`);
    io.exit(exitCodeOfSignal(signal));
    return;
  }
  interrupted = signal;
  io.say(`shipshape: ${signal}: cleaning up what this run made (again to exit at once)`);
  for (const c of [...cleanups].reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('timed out'), io.stepMs ?? 60_000);
    });
    const outcome = await Promise.race([
      c.run(signal).then(
        () => '',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      ),
      bound,
    ]);
    clearTimeout(timer);
    if (outcome) io.say(`shipshape: cleaning up ${c.name}: ${outcome}`);
  }
  io.exit(exitCodeOfSignal(signal));
}

/**
 * Installs the SIGINT and SIGTERM handlers for the process (main.ts). vitest's own handlers (it runs
 * in-process) call process.exit on the same signal; until the cleanups are done, process.exit is held
 * back, and the process then exits with the signal's code.
 */
export function installInterruptHandlers(io: InterruptIo): void {
  const realExit = process.exit.bind(process);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.prependListener(signal, () => {
      process.exit = (() => undefined) as typeof process.exit;
      void interrupt(signal, { ...io, exit: (code) => realExit(code) });
    });
  }
}

/** For tests: forget registered cleanups and a past interrupt. */
export function resetInterrupts(): void {
  cleanups.length = 0;
  interrupted = undefined;
}

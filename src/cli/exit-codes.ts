// How the railyard command ends: one documented exit code per kind of failure, so scripts can tell
// "fix your input" from "the disk is full" from "rebuild the kernel".

export const EXIT = {
  ok: 0,
  /** A scenario, catalog or result file is not valid (every problem is listed by field). */
  invalidInput: 1,
  /** The command line itself is wrong (unknown command or option, bad option value). */
  usage: 2,
  /** The search ran but no design satisfies the scenario (the result file is still written). */
  infeasible: 3,
  /** A file could not be read or written, or the output stream closed early. */
  io: 4,
  /** The search engine could not run (missing or corrupt kernel, workers that cannot start). */
  engine: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: one line (or a field list) and the exit code it ends with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class InputError extends CliError {
  constructor(message: string) {
    super(message, EXIT.invalidInput);
  }
}

export class FileError extends CliError {
  constructor(message: string) {
    super(message, EXIT.io);
  }
}

export class EngineError extends CliError {
  constructor(message: string) {
    super(message, EXIT.engine);
  }
}

/**
 * The exit-code table printed by --help and repeated in README's "Command line" section.
 */
export const EXIT_CODES_TEXT = `Exit status: 0 success, 1 invalid input, 2 usage error, 3 no feasible design,
             4 file or I/O error (reading or writing), 5 the search engine could not run.`;

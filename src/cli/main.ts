// The railyard command: reads the command line, runs one command, ends with a documented exit code
// (src/cli/exit-codes.ts). The commands are loaded only when one runs, so --help and --version
// start in a few tens of milliseconds (see test/bench/cli.ts).
import { CliError, EXIT, UsageError } from './exit-codes';
import { fileErrorMessage } from './file-errors';
import { say, warn } from './terminal';
import { USAGE } from './usage';
import { VERSION } from './version';

const COMMANDS = ['optimize', 'validate', 'export', 'catalog', 'template', 'robustness'] as const;
type Command = (typeof COMMANDS)[number];

async function run(command: Command, args: string[]): Promise<number> {
  if (command === 'robustness') return (await import('./robustness')).runRobustness(args);
  const commands = await import('./commands');
  if (command === 'optimize') return commands.runOptimize(args);
  if (command === 'validate') return commands.runValidate(args);
  if (command === 'export') return commands.runExport(args);
  if (command === 'template') return commands.runTemplate(args);
  return commands.runCatalog(args);
}

/** Ends the command for any failure: one message (usage errors add the usage text), never a stack trace. */
function failure(e: unknown): number {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    warn(`railyard: ${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (e instanceof CliError) {
    // An empty message is a reader that closed our output (`| head -1`): nothing to say.
    if (e.message) warn(`railyard: ${e.message}\n`);
    return e.exitCode;
  }
  // A bug: say so in one line; the stack only on request.
  warn(`railyard: internal error: ${(e as Error)?.message ?? e}; please report it (RAILYARD_DEBUG=1 shows where)\n`);
  if (process.env.RAILYARD_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  return EXIT.engine;
}

/** Standard output failing outside writeStdout (the summary table into a closed pipe or a full disk). */
function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') warn(`railyard: ${fileErrorMessage(e, 'standard output', 'write', '')}\n`);
  process.exit(EXIT.io);
}

export async function main(argv: string[]): Promise<number> {
  process.stdout.on('error', onStdoutError);
  // A closed standard error (2>&-) must not turn a message into a crash.
  process.stderr.on('error', () => {});
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      say(USAGE + '\n');
      return command ? EXIT.ok : EXIT.usage;
    }
    if (command === '--version' || command === '-v' || command === '-V') {
      say(`railyard ${VERSION}\n`);
      return EXIT.ok;
    }
    if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}"`);
    if (rest.includes('--help') || rest.includes('-h')) {
      say(USAGE + '\n');
      return EXIT.ok;
    }
    return await run(command as Command, rest);
  } catch (e) {
    return failure(e);
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

// Everything the CLI prints that may carry scenario or catalog text goes through here, so a model
// name like "\x1b]8;;http://x\x07click\x1b]8;;\x07" or "\x1b[2J" cannot drive the user's terminal.

/**
 * ESC-introduced sequences (CSI, OSC/DCS/SOS/PM/APC strings, two-byte escapes), their 8-bit C1
 * forms, then any remaining C0 control, DEL, C1 control, and the bidirectional overrides that can
 * make printed text read differently from what it is.
 */
const SEQUENCES =
  /\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?|[\x1b][\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print: escape sequences and control characters removed; newlines and tabs kept. */
export function terminalText(text: string): string {
  return text.replace(SEQUENCES, '').replace(CONTROLS, '');
}

/** One table cell or inline value: as terminalText, with newlines and tabs turned into spaces. */
export function terminalCell(text: string): string {
  return terminalText(text).replace(/[\n\t]/g, ' ');
}

/** Writes a message to standard output, made terminal-safe. */
export function say(text: string): void {
  process.stdout.write(terminalText(text));
}

/** Writes a message to standard error, made terminal-safe. */
export function warn(text: string): void {
  process.stderr.write(terminalText(text));
}

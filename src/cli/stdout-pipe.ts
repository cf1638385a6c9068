/**
 * A reader that stops early (`openler verify x | head -1`, quitting a pager)
 * closes standard output under the command. Writing on is then pointless, and
 * Node would report it as an unhandled EPIPE with a stack trace: the command
 * instead drops further output and ends as it would have, with its own exit code.
 */
let readerGone = false;

export function quietWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      readerGone = true;
      return;
    }
    process.stderr.write(`openler: cannot write the output: ${error.message}\n`);
    process.exit(1);
  });
}

/** Whether standard output's reader has gone, so long-running output can stop early. */
export function stdoutReaderGone(): boolean {
  return readerGone;
}

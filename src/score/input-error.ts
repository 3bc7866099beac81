// Bad input files: one message naming the file, line and column; exits 2 like other usage errors.
import { UsageError } from '../cli/errors.js';

export class InputError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: string | null,
    detail: string,
  ) {
    const where = [file, line === null ? null : `line ${line}`, column === null ? null : `column "${column}"`]
      .filter((s): s is string => s !== null)
      .join(', ');
    super(`${where}: ${detail}`);
    this.name = 'InputError';
  }
}

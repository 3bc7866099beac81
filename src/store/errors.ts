// Store failures a user can act on. They extend UsageError so the CLI prints the message
// without a stack (exit 1): each names the file and says what to do.
import { UsageError } from '../cli/errors.js';

export type StoreProblem = 'corrupt' | 'foreign' | 'newer' | 'full' | 'readonly' | 'io';

export class StoreError extends UsageError {
  constructor(
    message: string,
    readonly problem: StoreProblem,
    readonly file: string,
  ) {
    super(message, 1);
    this.name = 'StoreError';
  }
}

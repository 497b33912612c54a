/** Progress lines only on a terminal outside CI. */
import { describe, expect, it } from 'vitest';
import { isInteractive } from '../../src/cli/build-command.js';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

describe('isInteractive', () => {
  it('is true on a terminal without CI', () => {
    expect(isInteractive(tty, {})).toBe(true);
    expect(isInteractive(tty, { CI: 'false' })).toBe(true);
    expect(isInteractive(tty, { CI: '' })).toBe(true);
  });
  it('is false in CI or when stderr is not a terminal', () => {
    expect(isInteractive(tty, { CI: 'true' })).toBe(false);
    expect(isInteractive(tty, { CI: '1' })).toBe(false);
    expect(isInteractive(pipe, {})).toBe(false);
  });
});

/** The CLI's entry (what `bin/mlpost.js` runs): {@link main} on this process's arguments. */
import { main } from './main.js';

main().catch((error: unknown) => {
  process.exitCode = 1;
  process.stderr.write(`mlpost: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
});

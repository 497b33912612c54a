/**
 * `mlpost doctor`: what this installation runs with, one fact a line, for bug reports and
 * for checking an install: mlpost's version and whether the CLI runs from its bundles, Node,
 * the Graphviz and KaTeX builds, and whether micromark's speed fixes (and those of the
 * syntax extensions' constructs) are on.
 */
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MLPOST_VERSION } from '../version.js';
import { unified } from 'unified';
import { micromarkFixStatus } from '../parse/micromark-fixes/index.js';
import { mlpost } from '../pipeline/index.js';
import { katexVersion } from '../site/assets.js';
import { closeEngines, sharedGraphRenderer } from '../engines/index.js';

/** Print the report to stdout; 0, or 1 when something is off. */
export async function doctorCommand(stream: NodeJS.WritableStream = process.stdout): Promise<number> {
  const bundled = basename(dirname(fileURLToPath(import.meta.url))) === 'bundle';
  const lines = [`mlpost ${MLPOST_VERSION} (${bundled ? 'bundled CLI' : 'modules'})`, `Node ${process.version}`];
  let healthy = true;
  try {
    const graph = await sharedGraphRenderer();
    lines.push(`Graphviz: ${graph.build}, loaded in ${graph.loadMs.toFixed(0)} ms`);
  } catch (error) {
    healthy = false;
    lines.push(`Graphviz: failed to load (${error instanceof Error ? error.message : String(error)})`);
  }
  lines.push(`KaTeX ${katexVersion()}`);
  // micromark's own fixes and those of the constructs mlpost's syntax extensions bring.
  const fixes = micromarkFixStatus(unified().use(mlpost()).freeze().data().micromarkExtensions ?? []);
  const applied = fixes.filter((fix) => fix.applied).length;
  lines.push(`micromark speed fixes: ${applied === fixes.length ? 'on' : 'OFF'} (${applied} of ${fixes.length})`);
  for (const fix of fixes) if (!fix.applied) lines.push(`  ${fix.name}: ${fix.reason}`);
  if (applied !== fixes.length) healthy = false;
  await closeEngines();
  stream.write(`${lines.join('\n')}\n`);
  return healthy ? 0 : 1;
}

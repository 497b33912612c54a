/**
 * Several plugins as one: for `remarkMlpost`/`rehypeMlpost`, which pipelines that take a
 * flat plugin list (Astro's `remarkPlugins`, a Hexo renderer) use as single entries.
 */
import type { Pluggable, Plugin, Processor, Transformer } from 'unified';
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/**
 * Attach `plugins` to `processor` and return one transformer running theirs in order.
 * (Calling `processor.use` from inside an attacher would queue them after every plugin
 * already attached, e.g. after remark-rehype, on the wrong tree.) It stays synchronous
 * while every transformer is, so `processSync` and Hexo's `renderSync` keep working.
 */
export function composePlugins(processor: Processor, plugins: readonly Pluggable[]): Transformer {
  const transformers: Transformer[] = [];
  for (const entry of plugins) {
    const [plugin, ...options] = (Array.isArray(entry) ? entry : [entry]) as [Plugin<unknown[]>, ...unknown[]];
    const attacher = plugin as (this: Processor, ...options: unknown[]) => Transformer | undefined | void;
    const transformer = attacher.call(processor, ...options);
    if (typeof transformer === 'function') transformers.push(transformer);
  }
  return (tree: Node, file: VFile): Node | Promise<Node> => runFrom(0, tree, file);

  function runFrom(start: number, tree: Node, file: VFile): Node | Promise<Node> {
    for (let index = start; index < transformers.length; index++) {
      const result = (transformers[index] as (tree: Node, file: VFile) => unknown)(tree, file);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        return (result as Promise<Node | undefined>).then((next) => runFrom(index + 1, next ?? tree, file));
      }
      if (result && typeof result === 'object' && 'type' in result) tree = result as Node;
    }
    return tree;
  }
}

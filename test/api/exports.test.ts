/**
 * The public API, pinned: each entry of the package exports exactly these names (as
 * micromark's packages test theirs), and the documented types exist (this file would not
 * typecheck otherwise). A change here is a change of the API: update docs/api.md with it.
 * Imported through the package's own `exports` map, as users import it (the built `dist/`).
 */
import { describe, expect, it } from 'vitest';
import type {
  BuildOptions,
  BuildResult,
  Fact,
  FenceAttributes,
  GraphRenderer,
  GraphResult,
  MathOptions,
  MlpostOptions,
  PostAsset,
  PostData,
  PostDate,
  PostFrontMatter,
  RenderedPost,
  RenderPostOptions,
  Stage,
  Step,
  TagHandler,
  TagSiteOptions,
  TocEntry,
} from 'mlpost';
import type { AstroMlpostOptions } from 'mlpost/astro';
import type { HexoMlpostOptions } from 'mlpost/hexo';
import type { BaumWelchResult, CharModel, Hmm, Matrix, RnnModel, ViterbiResult } from 'mlpost/numeric';

// The documented options can be written with the exported types alone.
type Documented = [
  MlpostOptions['graph'] extends GraphRenderer | undefined ? true : false,
  MlpostOptions['math'] extends MathOptions | undefined ? true : false,
  MlpostOptions['site'] extends TagSiteOptions | undefined ? true : false,
  MlpostOptions['tags'] extends Readonly<Record<string, TagHandler>> | undefined ? true : false,
];
const documented: Documented = [true, true, true, true];
type Used = [BuildOptions, BuildResult, Fact, FenceAttributes, GraphResult, PostAsset, PostData, PostDate, PostFrontMatter, RenderedPost, RenderPostOptions, Stage, Step, TocEntry, AstroMlpostOptions, HexoMlpostOptions, BaumWelchResult, CharModel, Hmm, Matrix, RnnModel, ViterbiResult];
const used: Partial<Used> = [];

const ENTRIES: Record<string, string[]> = {
  mlpost: [
    'DiskCache',
    'PipelineOrderError',
    'buildSite',
    'checkOrder',
    'closeEngines',
    'createGraphRenderer',
    'formatMessage',
    'mlpost',
    'mlpostStages',
    'parseFenceAttributes',
    'rehypeMlpost',
    'remarkHexoTags',
    'remarkMlpost',
    'renderPost',
  ],
  'mlpost/numeric': [
    'NUMERIC_CORE_VERSION',
    'Random',
    'backward',
    'backwardLog',
    'backwardUnscaled',
    'baumWelch',
    'charGradientCheck',
    'charJacobianNorms',
    'clipByValue',
    'createHmm',
    'createLstm',
    'createOptimizer',
    'createRnn',
    'encodeText',
    'estimateByCounting',
    'forward',
    'forwardLog',
    'forwardUnscaled',
    'frobeniusNorm',
    'fromRows',
    'gradientCheck',
    'identity',
    'likelihood',
    'logAddExp',
    'logSoftmax',
    'logSumExp',
    'lstmForward',
    'lstmGradientCheck',
    'lstmGradients',
    'lstmJacobianNorms',
    'matVec',
    'multiply',
    'posterior',
    'randomHmm',
    'rnnForward',
    'rnnGradientCheck',
    'rnnGradients',
    'rnnJacobianNorms',
    'sampleHmm',
    'sampleText',
    'softmax',
    'spectralNorm',
    'toRows',
    'trainCharModel',
    'transpose',
    'validateHmm',
    'viterbi',
    'vocabularyOf',
    'zeroGradients',
    'zeros',
  ],
  'mlpost/hexo': ['DEFAULT_CACHE_DIR', 'MARKDOWN_EXTENSIONS', 'hexoConfigSchema', 'loadHexoPlugin', 'optionsFromConfig', 'readHexoConfig', 'registerMlpost'],
  'mlpost/astro': ['default', 'mlpostAstro'],
};

describe('public API', () => {
  for (const [entry, names] of Object.entries(ENTRIES)) {
    it(`${entry} exports exactly its documented names`, async () => {
      const module = (await import(entry)) as Record<string, unknown>;
      expect(Object.keys(module).sort()).toEqual([...names].sort());
    });
  }

  it('keeps tuned kernels and reference versions out of mlpost/numeric', async () => {
    const numeric = (await import('mlpost/numeric')) as Record<string, unknown>;
    for (const internal of ['forwardKernel', 'transposeData', 'forwardPlain', 'viterbiPlain', 'rnnGradientsPlain', 'expectedCountsPlain', 'createWorkspace', 'createRnnWorkspace']) {
      expect(numeric).not.toHaveProperty(internal);
    }
    expect(documented).toEqual([true, true, true, true]);
    expect(used).toEqual([]);
  });
});

// Types of check.mjs, for the tests.
export interface MathMarks {
  formula: RegExp;
  error: RegExp;
  errorIsFormula: boolean;
}
export interface CheckedTool {
  math: MathMarks | null;
  page(dir: string, name: string): string;
}
export interface CheckResult {
  ok: boolean;
  reason: string;
  pages: number;
  sampled: number;
  math: number;
  errors: number;
  formulas: number;
}
export function formulasOf(text: string): number;
export function samplePosts(names: string[]): string[];
export function checkOutput(tool: CheckedTool, dir: string, names: string[], postsDir: string): CheckResult;

/**
 * Math state that one render takes from a larger document rendered in pieces.
 *
 * A document's math is one state in document order: equation numbers run on, `\label`s
 * are known to every `\eqref`, a `\newcommand` holds for every later formula. When a host
 * renders a document in pieces (Hexo renders a post with each theme tag replaced by a
 * placeholder comment, then each tag's body on its own), each piece is given, in
 * `file.data.mathContext`, what the rest of the document contributes, computed by the
 * host from the whole document; `rehypeEquationRefs` and `rehypeMath` start from it.
 * Without a context a render is a whole document (the CLI, the site builder, Astro).
 */

/** An equation a label names: its anchor id and its number as printed. */
export interface EquationLabel {
  id: string;
  number: string;
}

/** What the rest of the document contributes to one render's math. */
export interface MathContext {
  /** Equation numbers the document used before this text. */
  numbersBefore?: number;
  /** Labels defined in the document's other pieces (the first definition of each key). */
  labels?: ReadonlyMap<string, EquationLabel>;
  /** Macro definitions (`\newcommand{\R}{…}`, as written) made before this text, in order. */
  definitionsBefore?: readonly string[];
  /**
   * Pieces rendered elsewhere that stand in this text as an HTML comment (Hexo's
   * `<!--swig￼3-->`), by the comment's text: the equation numbers they use and the macro
   * definitions they make, which count where the comment stands.
   */
  pieces?: ReadonlyMap<string, MathPiece>;
}

/** The math of a piece rendered elsewhere, as it counts where it stands. */
export interface MathPiece {
  numbers: number;
  definitions: readonly string[];
}

declare module 'vfile' {
  interface DataMap {
    /** This render is a piece of a larger document: the math before and around it. */
    mathContext: MathContext;
  }
}

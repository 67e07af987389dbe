/**
 * A fragment of TypeScript built by the plan stage from escaped parts. Templates print only
 * `Code` through the `code` helper, so a plain spec string can never pass as code.
 */
export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const code = (text: string): Code => new Code(text);

/**
 * Errors told apart by their sentence alone, e.g. `Unknown fields submitted.` and
 * `Required fields missing.` under the same 400 with no code: the spec names each kind and the
 * text it starts with, and the error's `kind` says which one was sent.
 */

/** A kind of error and the text its message starts with. */
export interface MessageKind {
  readonly name: string;
  readonly text: string;
}

/** The first kind whose text `message` starts with; compared without case, runs of spaces and final punctuation. */
export function messageKind(message: string | undefined, kinds: readonly MessageKind[]): string | undefined {
  if (message === undefined) return undefined;
  const said = normalise(message);
  return kinds.find((kind) => said.startsWith(normalise(kind.text)))?.name;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, " ").replace(/[.:;!\s]+$/, "").toLowerCase();
}

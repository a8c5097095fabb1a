// Keeping retained demo strings compact. V8 stores a string built with `+` or a template
// literal as a tree of its pieces; a workspace keeps hundreds of thousands of such
// strings (dates, ids, subjects, snippets), and as trees they cost a third more heap and
// garbage-collection time. Converting a string to a number makes V8 flatten it in place
// (the idiom of the `flatstr` package); the value is untouched on every engine.

/** `s`, stored as one flat string. */
export function flat(s: string): string {
  Number(s)
  return s
}

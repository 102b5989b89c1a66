/** A word for a POSIX shell: as is when it is plainly safe, else single-quoted. */
export function shellQuote(text: string): string {
  return /^[\w./@+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

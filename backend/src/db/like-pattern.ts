/** LIKE treats % and _ as wildcards (and \ as their escape); user input matches them literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

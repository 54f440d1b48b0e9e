/** "Ann is typing…", "Ann and Bob are typing…", or "Several people are typing…"; null when nobody is. */
export function describeTypists(names: string[]): string | null {
  const [first, second] = names;
  if (first === undefined) return null;
  if (names.length === 1) return `${first} is typing…`;
  if (names.length === 2) return `${first} and ${second} are typing…`;
  return 'Several people are typing…';
}

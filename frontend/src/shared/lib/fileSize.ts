const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** "512 B", "2.4 KB", "18 MB": in the largest unit (of 1024) that keeps the number at 1 or more, one decimal under 10. */
export function formatFileSize(bytes: number): string {
  let unit = 0;
  let value = Math.max(0, bytes);
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = unit > 0 && value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${number} ${UNITS[unit]}`;
}

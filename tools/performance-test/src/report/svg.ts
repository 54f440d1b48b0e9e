/** What the HTML report draws with: escaping and inline-SVG line charts (no scripts, no CDN). */

export const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface Line {
  label: string;
  color: string;
  points: (number | null)[];
}

/**
 * A small line chart as inline SVG: x is the index of a point (by default the second of the run; `xEnd` labels
 * the right end otherwise), y from 0 to the largest value.
 */
export function svgChart(title: string, unit: string, lines: Line[], xEnd?: string): string {
  const [width, height, pad] = [720, 220, 40];
  const count = Math.max(1, ...lines.map((line) => line.points.length));
  const top = Math.max(1, ...lines.flatMap((line) => line.points.filter((p): p is number => p !== null)));
  const x = (i: number) => pad + (i / Math.max(1, count - 1)) * (width - 2 * pad);
  const y = (v: number) => height - pad - (v / top) * (height - 2 * pad);
  const paths = lines.map((line) => {
    const d = line.points
      .map((p, i) => (p === null ? '' : `${x(i).toFixed(1)},${y(p).toFixed(1)}`))
      .filter(Boolean)
      .join(' L');
    return d ? `<path d="M${d}" fill="none" stroke="${line.color}" stroke-width="2"/>` : '';
  });
  const legend = lines.map(
    (line, i) => `<text x="${pad + i * 120}" y="16" fill="${line.color}" font-size="12">■ ${escape(line.label)}</text>`,
  );
  return `<figure><figcaption>${escape(title)}</figcaption>
<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(title)}">
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#999"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#999"/>
<text x="4" y="${pad}" font-size="11">${top.toFixed(top < 10 ? 1 : 0)} ${escape(unit)}</text>
<text x="4" y="${height - pad}" font-size="11">0</text>
<text x="${width - pad}" y="${height - 12}" font-size="11" text-anchor="end">${escape(xEnd ?? `${count} s`)}</text>
${legend.join('\n')}
${paths.join('\n')}
</svg></figure>`;
}

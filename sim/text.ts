// Plain-text output shared by the demo, `npm run render` and `npm run bench`: aligned tables, and
// bold only where a terminal reads it (no escape codes in logs).
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export const bold = (s: string, stream: { isTTY?: boolean } = process.stdout): string => (stream.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

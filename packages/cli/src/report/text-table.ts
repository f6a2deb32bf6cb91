/**
 * A plain-text table: a header row, a rule, and the rows. By default the first column is
 * left-aligned and the others (numbers) right-aligned; `leftAligned` keeps every column left.
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, options: { leftAligned?: boolean } = {}): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 || options.leftAligned ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** An accuracy in [0, 1] as a percentage with two decimals. */
export function percent(value: number): string {
  return `${(100 * value).toFixed(2)}%`;
}

/** Mean and standard deviation of accuracies as `95.12 ± 0.30 %`. */
export function percentWithStd(mean: number, std: number): string {
  return `${(100 * mean).toFixed(2)} ± ${(100 * std).toFixed(2)}%`;
}

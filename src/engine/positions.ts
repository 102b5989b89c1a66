/** Maps text offsets to 1-based line and column (UTF-16 units, as editors and ESLint count). */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      for (let i = this.text.indexOf("\n"); i !== -1; i = this.text.indexOf("\n", i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  /** 1-based line number of an offset. */
  lineOf(offset: number): number {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - (this.lineStarts()[line - 1] ?? 0) + 1 };
  }

  /** The offset of a 1-based line and column: the inverse of `position`. */
  offset(line: number, column: number): number {
    return (this.lineStarts()[line - 1] ?? 0) + column - 1;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1];
    if (start === undefined) return "";
    const next = starts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1);
  }
}

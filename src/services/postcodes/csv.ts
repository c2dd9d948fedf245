/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold commas, doubled quotes and
 * line breaks). Feed chunks as they arrive; complete records come back, the rest is kept.
 */
export class CsvRecordSplitter {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** The previous character closed a quoted section (a quote now means a literal quote). */
  private afterQuote = false;

  push(chunk: string): string[][] {
    const records: string[][] = [];
    for (const char of chunk) {
      if (this.quoted) {
        if (char === '"') {
          this.quoted = false;
          this.afterQuote = true;
        } else this.field += char;
        continue;
      }
      if (char === '"') {
        if (this.afterQuote) this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
        continue;
      }
      this.afterQuote = false;
      if (char === ',') {
        this.record.push(this.field);
        this.field = '';
      } else if (char === '\n') {
        this.endRecord(records);
      } else if (char !== '\r') {
        this.field += char;
      }
    }
    return records;
  }

  /** The last record when the input does not end with a line break. */
  end(): string[][] {
    const records: string[][] = [];
    if (this.field !== '' || this.record.length > 0) this.endRecord(records);
    return records;
  }

  private endRecord(records: string[][]): void {
    this.record.push(this.field);
    this.field = '';
    if (!(this.record.length === 1 && this.record[0] === '')) records.push(this.record);
    this.record = [];
  }
}

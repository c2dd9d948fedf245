import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { DataSource } from 'typeorm';
import { CsvRecordSplitter } from './csv';
import { mapColumns, toPostcodeArea, type ColumnMap, type PostcodeAreaRow } from './onspd-columns';

export interface PostcodeImportProgress {
  /** Data records read so far (the header excluded). */
  readonly read: number;
  /** Rows written (inserted or updated). */
  readonly imported: number;
  /** Records without a usable postcode (terminated or malformed ones). */
  readonly skipped: number;
}

const BATCH = 2000;
const FIELDS = [
  'postcode',
  'ward_code',
  'ward_name',
  'lsoa_code',
  'local_authority_code',
  'local_authority_name',
] as const;

/**
 * Streams an ONS Postcode Directory CSV (2.7 million rows nationally) into postcode_area in
 * batched upserts, never holding the file in memory. Re-importing a newer edition updates rows.
 */
@Injectable()
export class PostcodeImportService {
  constructor(private readonly dataSource: DataSource) {}

  async import(
    stream: Readable,
    onProgress: (progress: PostcodeImportProgress) => void = () => undefined,
  ): Promise<PostcodeImportProgress> {
    const splitter = new CsvRecordSplitter();
    const decoder = new StringDecoder('utf8');
    let columns: ColumnMap | undefined;
    let batch: PostcodeAreaRow[] = [];
    let progress = { read: 0, imported: 0, skipped: 0 };

    const take = async (records: string[][]) => {
      for (const record of records) {
        if (columns === undefined) {
          columns = mapColumns(record);
          continue;
        }
        const row = toPostcodeArea(record, columns);
        progress = { ...progress, read: progress.read + 1 };
        if (row === null) progress = { ...progress, skipped: progress.skipped + 1 };
        else batch.push(row);
        if (batch.length >= BATCH) {
          progress = { ...progress, imported: progress.imported + (await this.upsert(batch)) };
          batch = [];
          onProgress(progress);
        }
      }
    };

    for await (const chunk of stream) {
      await take(splitter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    }
    await take([...splitter.push(decoder.end()), ...splitter.end()]);
    if (columns === undefined) throw new RangeError('the file is empty: no header row');
    if (batch.length > 0) {
      progress = { ...progress, imported: progress.imported + (await this.upsert(batch)) };
    }
    onProgress(progress);
    return progress;
  }

  /** One multi-row upsert; a postcode repeated within the batch keeps its last row. */
  private async upsert(rows: readonly PostcodeAreaRow[]): Promise<number> {
    const unique = [...new Map(rows.map((r) => [r.postcode, r])).values()];
    const values = unique.map(
      (_, i) => `(${FIELDS.map((__, j) => `$${i * FIELDS.length + j + 1}`).join(', ')})`,
    );
    const parameters = unique.flatMap((r) => [
      r.postcode,
      r.wardCode,
      r.wardName?.slice(0, 150) ?? null,
      r.lsoaCode,
      r.localAuthorityCode,
      r.localAuthorityName?.slice(0, 150) ?? null,
    ]);
    // A file without name columns keeps the names an earlier import gave.
    const updates = FIELDS.slice(1)
      .map((f) =>
        f.endsWith('_name')
          ? `${f} = COALESCE(EXCLUDED.${f}, postcode_area.${f})`
          : `${f} = EXCLUDED.${f}`,
      )
      .join(', ');
    await this.dataSource.query(
      `INSERT INTO postcode_area (${FIELDS.join(', ')}) VALUES ${values.join(', ')}
       ON CONFLICT (postcode) DO UPDATE SET ${updates}`,
      parameters,
    );
    return unique.length;
  }
}

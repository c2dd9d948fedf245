import { postcodeKey } from '../../common/validation/postcode-key';

export interface PostcodeAreaRow {
  readonly postcode: string;
  readonly wardCode: string | null;
  readonly wardName: string | null;
  readonly lsoaCode: string | null;
  readonly localAuthorityCode: string | null;
  readonly localAuthorityName: string | null;
}

/**
 * Header names the importer understands, first match wins. ONSPD carries codes only
 * (pcds, osward, lsoa21 or lsoa11, oslaua); names come from its separate lookups, so a
 * file that has joined them in may name them in any of these ways.
 */
const COLUMN_NAMES: Readonly<Record<keyof PostcodeAreaRow, readonly string[]>> = {
  postcode: ['pcds', 'pcd', 'pcd2', 'pcd7', 'pcd8', 'postcode'],
  wardCode: ['osward', 'wd24cd', 'wd23cd', 'wd22cd', 'ward_code'],
  wardName: ['osward_name', 'ward_name', 'wd24nm', 'wd23nm', 'wd22nm'],
  lsoaCode: ['lsoa21', 'lsoa21cd', 'lsoa11', 'lsoa11cd', 'lsoa_code'],
  localAuthorityCode: ['oslaua', 'lad24cd', 'lad23cd', 'lad22cd', 'laua', 'la_code'],
  localAuthorityName: ['oslaua_name', 'la_name', 'lad24nm', 'lad23nm', 'lad22nm', 'laua_name'],
};

export type ColumnMap = Readonly<Record<keyof PostcodeAreaRow, number>>;

/** Where each field is in a header row; -1 when absent. Throws without a postcode column. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const names = header.map((h) =>
    h
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase(),
  );
  const find = (candidates: readonly string[]) => {
    for (const c of candidates) {
      const index = names.indexOf(c);
      if (index !== -1) return index;
    }
    return -1;
  };
  const map = Object.fromEntries(
    Object.entries(COLUMN_NAMES).map(([field, candidates]) => [field, find(candidates)]),
  ) as Record<keyof PostcodeAreaRow, number>;
  if (map.postcode === -1) {
    throw new RangeError(
      `no postcode column: expected one of ${COLUMN_NAMES.postcode.join(', ')} in the header`,
    );
  }
  return map;
}

/**
 * One record as a lookup row, or null when it has no usable postcode. ONSPD marks missing
 * geography with empty fields or pseudo-codes ending in 99999999 (e.g. E99999999).
 */
export function toPostcodeArea(record: readonly string[], map: ColumnMap): PostcodeAreaRow | null {
  const value = (index: number): string | null => {
    const v = index === -1 ? '' : (record[index] ?? '').trim();
    return v === '' || /99999999$/.test(v) ? null : v;
  };
  const raw = value(map.postcode);
  if (raw === null) return null;
  const postcode = postcodeKey(raw);
  if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(postcode)) return null;
  return {
    postcode,
    wardCode: value(map.wardCode),
    wardName: value(map.wardName),
    lsoaCode: value(map.lsoaCode),
    localAuthorityCode: value(map.localAuthorityCode),
    localAuthorityName: value(map.localAuthorityName),
  };
}

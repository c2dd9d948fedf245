import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Census 2021 usual residents of one area, by one kind of category (ethnicity, country of birth,
 * age band or sex), optionally within one five-year age band. Public data (ONS, Open Government
 * Licence), loaded by `npm run import:population`: not a service's, so no row-level security.
 * Reports read it through the `report_population` view.
 */
@Entity('population_count')
@Index(['kind', 'category'])
export class PopulationCount {
  /** The ONS code of the area: a local authority (E06…, E07…), ward (E05…) or LSOA (E01…). */
  @PrimaryColumn({ type: 'varchar', length: 9 })
  areaCode: string;

  /** `ethnicity`, `countryOfBirth`, `ageBand` or `sex`. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind: string;

  /** Linkway's code for the category (an ethnic group, a country-of-birth group, a band, a sex). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  category: string;

  /** A 2013 European Standard Population band of the 18-band form ('0-4' … '85+'), or 'all'. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  ageBand: string;

  @Column({ type: 'varchar', length: 150, nullable: true })
  areaName: string | null;

  @Column({ type: 'integer' })
  count: number;

  /** The table it came from, as ONS names it (TS021, TS004, TS007A, RM032…). */
  @Column({ type: 'varchar', length: 40 })
  source: string;

  /** Census day of the figures (2021-03-21 for Census 2021). */
  @Column({ type: 'date' })
  censusDate: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  importedAt: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Where a postcode lies, from the ONS Postcode Directory: ward, LSOA and local authority.
 * Reports join people's postcodes to it to give the `area` dimension; nothing else reads it.
 */
@Entity('postcode_area')
@Index(['localAuthorityCode'])
export class PostcodeArea {
  /** Upper case without spaces ("NG71AA"), so any spelling of a postcode finds it. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  postcode: string;

  @Column({ type: 'varchar', length: 9, nullable: true })
  wardCode: string | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  wardName: string | null;

  @Column({ type: 'varchar', length: 9, nullable: true })
  lsoaCode: string | null;

  @Column({ type: 'varchar', length: 9, nullable: true })
  localAuthorityCode: string | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  localAuthorityName: string | null;
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DirectoryNotice } from './directory-notice.entity';

export interface NoticeView {
  id: string;
  groupId: string;
  kind: DirectoryNotice['kind'];
  message: string;
  createdAt: string;
}

/** Vetting notices addressed to a user (a group's coordinator or an admin). */
@Injectable()
export class VettingCheckNoticeService {
  constructor(
    @InjectRepository(DirectoryNotice) private readonly notices: Repository<DirectoryNotice>,
  ) {}

  async forUser(userId: string, limit = 20): Promise<NoticeView[]> {
    const rows = await this.notices
      .createQueryBuilder('n')
      .where(':userId = ANY(n.recipient_ids)', { userId })
      .orderBy('n.createdAt', 'DESC')
      .take(limit)
      .getMany();
    return rows.map((n) => ({
      id: n.id,
      groupId: n.groupId,
      kind: n.kind,
      message: n.message,
      createdAt: n.createdAt.toISOString(),
    }));
  }
}

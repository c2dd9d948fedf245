import { Injectable, PipeTransform } from '@nestjs/common';
import { notFound } from '../domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names no record, so it is simply not found (404), not a 400. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw notFound('Record');
    return value.toLowerCase();
  }
}

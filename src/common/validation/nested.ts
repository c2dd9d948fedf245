import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

type DtoClass = new (...args: never[]) => object;

/**
 * One nested object, validated by its own DTO. `ValidateNested` alone lets an array through in
 * its place (it validates the array's entries instead), so the shape is checked first.
 */
export const NestedObject = (dto: () => DtoClass) =>
  applyDecorators(IsObject({ message: 'must be an object' }), ValidateNested(), Type(dto));

/**
 * A list of objects, each validated by the DTO. Every entry must be an object: a null, number,
 * string or nested array in the list is refused here, element by element, rather than reaching
 * the database as a row of nulls (a 500).
 */
export const NestedList = (dto: () => DtoClass) =>
  applyDecorators(
    IsArray(),
    IsObject({ each: true, message: 'must hold only objects, one for each entry' }),
    ValidateNested({ each: true }),
    Type(dto),
  );

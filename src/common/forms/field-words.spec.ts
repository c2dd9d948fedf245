import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationProblems } from '../http/validation';
import { fieldLabel, inPageWords, type WordsTable } from './field-words';

class ReferralLikeDto {
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(['housing', 'money'], { each: true })
  reasons!: string[];

  @IsIn(['gp_practice', 'charity'])
  channel!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  summary?: string;
}

async function pageWords(body: object, table?: WordsTable): Promise<Record<string, string>> {
  const found = await validate(plainToInstance(ReferralLikeDto, body));
  return Object.fromEntries(
    validationProblems(found).map((p) => {
      const e = inPageWords(p, table);
      return [e.field, e.message];
    }),
  );
}

describe('page words for validation problems', () => {
  it('says what a form’s table says, by field and by rule', async () => {
    const table: WordsTable = {
      reasons: { missing: 'Select at least one reason', otherwise: 'Select reasons from the list' },
    };
    expect((await pageWords({ reasons: [], channel: 'charity' }, table)).reasons).toBe(
      'Select at least one reason',
    );
    expect((await pageWords({ reasons: ['cake'], channel: 'charity' }, table)).reasons).toBe(
      'Select reasons from the list',
    );
  });

  it('falls back to plain words that name the field, never the validator’s text', async () => {
    const words = await pageWords({
      reasons: ['housing'],
      channel: 'fax',
      summary: 'x'.repeat(30),
    });
    expect(words).toEqual({
      channel: 'Channel must be chosen from the list',
      summary: 'Summary must be 20 characters or fewer',
    });
    const missing = await pageWords({ reasons: ['housing'] });
    expect(missing.channel).toBe('Select the channel');
  });

  it('keeps a service’s own sentence, after the field’s name', () => {
    expect(inPageWords({ field: 'date', message: 'must be today or in the past' }).message).toBe(
      'Date must be today or in the past',
    );
  });

  it('names fields as people read them', () => {
    expect(fieldLabel('person.dateOfBirth')).toBe('Date of birth');
    expect(fieldLabel('person.nhsNumber')).toBe('NHS number');
  });
});

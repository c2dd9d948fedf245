import { EventEmitter2 } from '@nestjs/event-emitter';
import { emitInTurn } from './emit-in-turn';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('emitInTurn', () => {
  it('starts each listener only after the one before has finished, and returns their answers', async () => {
    const events = new EventEmitter2();
    const log: string[] = [];
    for (const name of ['first', 'second', 'third']) {
      events.on('person.exporting', async (event: { personId: string }) => {
        log.push(`${name} starts`);
        await tick();
        log.push(`${name} ends`);
        return `${name}:${event.personId}`;
      });
    }

    const answers = await emitInTurn(events, 'person.exporting', { personId: 'p1' });

    expect(answers).toEqual(['first:p1', 'second:p1', 'third:p1']);
    expect(log).toEqual([
      'first starts',
      'first ends',
      'second starts',
      'second ends',
      'third starts',
      'third ends',
    ]);
  });

  it('stops at a listener that fails, so the transaction rolls back', async () => {
    const events = new EventEmitter2();
    const later = jest.fn();
    events.on('case.closed', () => Promise.reject(new Error('refused')));
    events.on('case.closed', later);

    await expect(emitInTurn(events, 'case.closed', {})).rejects.toThrow('refused');
    expect(later).not.toHaveBeenCalled();
  });
});

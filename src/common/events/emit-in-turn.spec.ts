import { Injectable } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
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

  it('calls each listener once even when one removes itself', async () => {
    const events = new EventEmitter2();
    const calls: string[] = [];
    events.once('case.closed', () => calls.push('once'));
    events.on('case.closed', () => calls.push('always'));

    await emitInTurn(events, 'case.closed', {});
    await emitInTurn(events, 'case.closed', {});

    expect(calls).toEqual(['once', 'always', 'always']);
  });

  it('stops at a listener that fails, so the transaction rolls back', async () => {
    const events = new EventEmitter2();
    const later = jest.fn();
    events.on('case.closed', () => Promise.reject(new Error('refused')));
    events.on('case.closed', later);

    await expect(emitInTurn(events, 'case.closed', {})).rejects.toThrow('refused');
    expect(later).not.toHaveBeenCalled();
  });

  describe('with handlers Nest registered from @OnEvent', () => {
    const log: string[] = [];

    /** One export section per module; the decorated method is inherited, as a base class's would be. */
    abstract class ExportingHandler {
      abstract readonly section: string;
      @OnEvent('person.exporting', { suppressErrors: false })
      async export(event: { personId: string }) {
        log.push(`${this.section} starts`);
        await tick();
        log.push(`${this.section} ends`);
        return `${this.section}:${event.personId}`;
      }
    }

    @Injectable()
    class PlacementsHandler extends ExportingHandler {
      readonly section = 'placements';
      @OnEvent('person.erasing', { suppressErrors: false })
      erase(): never {
        throw new Error(`${this.section} refused`);
      }
    }

    @Injectable()
    class ReferralsHandler extends ExportingHandler {
      readonly section = 'referrals';
    }

    it('runs them in turn as their own instances, and passes on what they throw', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [EventEmitterModule.forRoot()],
        providers: [PlacementsHandler, ReferralsHandler],
      }).compile();
      await moduleRef.init();
      const events = moduleRef.get(EventEmitter2);

      const answers = await emitInTurn(events, 'person.exporting', { personId: 'p1' });

      expect([...answers].sort()).toEqual(['placements:p1', 'referrals:p1']);
      expect(log).toHaveLength(4);
      expect(log[0].split(' ')[0]).toBe(log[1].split(' ')[0]);
      expect(log[1]).toMatch(/ends$/);
      await expect(emitInTurn(events, 'person.erasing', {})).rejects.toThrow('placements refused');
      await moduleRef.close();
    });
  });
});

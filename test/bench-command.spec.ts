import { productionCommand } from '../bench/support';

// The bench's memory figure is only true if its servers run as `npm run start:prod` does.
describe('the command the bench starts its servers with', () => {
  it('is start:prod: one malloc arena and a 128 MB heap unless the environment says otherwise', () => {
    expect(productionCommand({})).toEqual({
      env: { MALLOC_ARENA_MAX: '1' },
      nodeArgs: ['--max-old-space-size=128'],
    });
  });

  it('takes the settings an operator gives start:prod', () => {
    expect(productionCommand({ MALLOC_ARENA_MAX: '2', NODE_HEAP_MB: '256' })).toEqual({
      env: { MALLOC_ARENA_MAX: '2' },
      nodeArgs: ['--max-old-space-size=256'],
    });
  });
});

import type { NextFunction, Request, Response } from 'express';
import { setFlash } from '../common/forms/flash';
import { viewContext } from './view-context.middleware';

function fakes() {
  const calls: string[] = [];
  let saved: (() => void) | undefined;
  const session = {
    save: (done: () => void) => {
      calls.push('save');
      saved = done;
    },
  };
  const req = { session, path: '/cases' } as unknown as Request;
  const res = {
    locals: {},
    redirect: (...args: unknown[]) => calls.push(`redirect ${args.join(' ')}`),
  } as unknown as Response;
  return { req, res, calls, finishSave: () => saved?.() };
}

describe('viewContext', () => {
  it('stores the session before redirecting, so the next page sees its flash', () => {
    const { req, res, calls, finishSave } = fakes();
    viewContext(30)(req, res, (() => undefined) as NextFunction);
    setFlash(req, 'Saved');
    res.redirect(303, '/cases/1');
    expect(calls).toEqual(['save']);
    finishSave();
    expect(calls).toEqual(['save', 'redirect 303 /cases/1']);
  });

  it('hands the flash to the page once and removes it from the session', () => {
    const { req, res } = fakes();
    (req.session as unknown as { flash?: unknown }).flash = { kind: 'success', message: 'Done' };
    viewContext(30)(req, res, (() => undefined) as NextFunction);
    expect(res.locals.flash).toEqual({ kind: 'success', message: 'Done' });
    expect((req.session as unknown as { flash?: unknown }).flash).toBeUndefined();
  });

  it('names the service a link worker works in, and asks nothing for a user without one', async () => {
    const asked: string[] = [];
    const names = {
      nameOf: (id: string) => {
        asked.push(id);
        return Promise.resolve(id === 'svc-1' ? 'City PCN' : undefined);
      },
    };
    const worker = fakes();
    Object.assign(worker.req, { user: { role: 'link_worker', name: 'Lina', serviceId: 'svc-1' } });
    await new Promise<void>((done) => viewContext(30, names)(worker.req, worker.res, () => done()));
    expect(worker.res.locals.currentUser).toMatchObject({
      roleLabel: 'Link worker',
      serviceName: 'City PCN',
    });

    const commissioner = fakes();
    Object.assign(commissioner.req, { user: { role: 'commissioner', serviceId: null } });
    let nextCalled = false;
    viewContext(30, names)(commissioner.req, commissioner.res, () => (nextCalled = true));
    expect(nextCalled).toBe(true);
    expect(commissioner.res.locals.currentUser).not.toHaveProperty('serviceName');
    expect(asked).toEqual(['svc-1']);
  });

  it('passes a failed lookup on as an error', async () => {
    const { req, res } = fakes();
    Object.assign(req, { user: { role: 'team_lead', serviceId: 'svc-1' } });
    const failure = new Error('database gone');
    const names = { nameOf: () => Promise.reject(failure) };
    const passed = await new Promise<unknown>((done) => viewContext(30, names)(req, res, done));
    expect(passed).toBe(failure);
  });
});

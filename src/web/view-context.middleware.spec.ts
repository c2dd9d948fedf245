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
});

import { IsIn, IsNotEmpty, IsString } from 'class-validator';
import type { Request, Response } from 'express';
import { conflict, forbidden, invalid, notFound } from '../domain-error';
import { handlePageForm, labelled, shownErrors, type PageForm } from './page-form';

class VisitDto {
  @IsString()
  @IsNotEmpty()
  placeName!: string;

  @IsIn(['morning', 'evening'])
  slot!: string;
}

interface Rendered {
  status: number;
  view: string;
  model: Record<string, unknown>;
}

function fakes(body: Record<string, unknown>) {
  const session: { flash?: unknown } = {};
  const req = { body, session } as unknown as Request;
  const out: { rendered?: Rendered; redirected?: [number, string]; status?: number } = {};
  const res = {
    status(code: number) {
      out.status = code;
      return this;
    },
    render(view: string, model: Record<string, unknown>) {
      out.rendered = { status: out.status ?? 200, view, model };
    },
    redirect(status: number, url: string) {
      out.redirected = [status, url];
    },
  } as unknown as Response;
  return { req, res, out, session };
}

const posted = { placeName: 'Hyson Green Library', slot: 'morning', _csrf: 'token' };

function visitForm(
  act: PageForm<VisitDto, { id: string }>['act'],
  more: Partial<PageForm<VisitDto, { id: string }>> = {},
  body: Record<string, unknown> = posted,
): PageForm<VisitDto, { id: string }> {
  return {
    dto: VisitDto,
    shaped: { placeName: body.placeName, slot: body.slot },
    act,
    flash: 'Visit booked',
    redirect: (r) => `/visits/${r.id}`,
    view: 'visits/form',
    model: () => ({ title: 'Book a visit' }),
    ...more,
  };
}

describe('handlePageForm', () => {
  it('acts with the validated DTO, then redirects with a flash', async () => {
    const { req, res, out, session } = fakes(posted);
    const act = jest.fn(async (v: VisitDto) => ({ id: `v-${v.slot}` }));
    await handlePageForm(req, res, visitForm(act));
    expect(act).toHaveBeenCalledWith(expect.any(VisitDto));
    expect(act.mock.calls[0][0]).toMatchObject({ placeName: 'Hyson Green Library' });
    expect(session.flash).toEqual({ kind: 'success', message: 'Visit booked' });
    expect(out.redirected).toEqual([303, '/visits/v-morning']);
    expect(out.rendered).toBeUndefined();
  });

  it('shows the form again on bad input, with an error summary, field errors and what was typed', async () => {
    const body = { placeName: '', slot: 'midnight' };
    const { req, res, out, session } = fakes(body);
    const act = jest.fn();
    await handlePageForm(req, res, visitForm(act, {}, body));
    expect(act).not.toHaveBeenCalled();
    expect(session.flash).toBeUndefined();
    expect(out.rendered?.status).toBe(422);
    expect(out.rendered?.view).toBe('visits/form');
    expect(out.rendered?.model).toMatchObject({
      title: 'Book a visit',
      values: body,
      fieldErrors: {
        placeName: expect.stringMatching(/^Place name /),
        slot: expect.stringMatching(/^Slot /),
      },
    });
    expect(out.rendered?.model.errors).toEqual([
      { field: 'placeName', message: expect.any(String), href: '#placeName' },
      { field: 'slot', message: expect.any(String), href: '#slot' },
    ]);
  });

  it('shows a service’s field errors in the form’s own words', async () => {
    const { req, res, out } = fakes(posted);
    await handlePageForm(
      req,
      res,
      visitForm(
        async () => {
          throw invalid('closed_that_day', 'The place is closed', [
            { field: 'slot', message: 'is not open' },
          ]);
        },
        { fields: (errors) => errors.map((e) => ({ ...e, message: 'Choose another time' })) },
      ),
    );
    expect(out.rendered?.status).toBe(422);
    expect(out.rendered?.model.fieldErrors).toEqual({ slot: 'Choose another time' });
  });

  it('shows a conflict again as 409, in the summary or on the control it concerns', async () => {
    const full = async () => {
      throw conflict('visit_full', 'Every visit that morning is taken');
    };
    const summaryOnly = fakes(posted);
    await handlePageForm(summaryOnly.req, summaryOnly.res, visitForm(full));
    expect(summaryOnly.out.rendered?.status).toBe(409);
    expect(summaryOnly.out.rendered?.model.errors).toEqual([
      { field: '', message: 'Every visit that morning is taken', href: undefined },
    ]);
    expect(summaryOnly.out.rendered?.model.values).toEqual(posted);

    const onControl = fakes(posted);
    await handlePageForm(
      onControl.req,
      onControl.res,
      visitForm(full, { refusal: (e) => [{ field: 'slot', message: e.message }] }),
    );
    expect(onControl.out.rendered?.model.fieldErrors).toEqual({
      slot: 'Every visit that morning is taken',
    });
  });

  it.each([
    ['not_found', notFound('Visit')],
    ['forbidden', forbidden()],
  ])('leaves %s to the error page: nothing is rendered or flashed', async (_, error) => {
    const { req, res, out, session } = fakes(posted);
    await expect(
      handlePageForm(
        req,
        res,
        visitForm(async () => {
          throw error;
        }),
      ),
    ).rejects.toBe(error);
    expect(out.rendered).toBeUndefined();
    expect(out.redirected).toBeUndefined();
    expect(session.flash).toBeUndefined();
  });

  it('does not turn an unexpected error into a form error', async () => {
    const { req, res, out } = fakes(posted);
    const boom = new Error('database gone');
    await expect(
      handlePageForm(
        req,
        res,
        visitForm(async () => {
          throw boom;
        }),
      ),
    ).rejects.toBe(boom);
    expect(out.rendered).toBeUndefined();
  });

  it('adds checks the DTO cannot make, and shows the values it is told to (never a password)', async () => {
    const { req, res, out } = fakes({ confirm: '', password: 'secret' });
    const act = jest.fn();
    await handlePageForm(req, res, {
      check: () => [{ field: 'confirm', message: 'Tick the box to confirm' }],
      act,
      redirect: '/done',
      view: 'confirm',
      model: () => ({ values: { fromModel: true } }),
      values: { confirm: '' },
    });
    expect(act).not.toHaveBeenCalled();
    expect(out.rendered?.status).toBe(422);
    expect(out.rendered?.model.values).toEqual({ confirm: '' });
    expect(out.rendered?.model.errors).toEqual([
      { field: 'confirm', message: 'Tick the box to confirm', href: '#confirm' },
    ]);
  });

  it('lets a form drop errors that belong to another page and go on', async () => {
    const { req, res, out } = fakes({ placeName: 'Library' });
    await handlePageForm(req, res, {
      ...visitForm(async () => ({ id: 'kept' }), {}, { placeName: 'Library' }),
      fields: (errors) => errors.filter((e) => e.field === 'placeName'),
    });
    expect(out.redirected).toEqual([303, '/visits/kept']);
  });
});

describe('shownErrors', () => {
  it('keeps the first message per field and links date inputs to their day box', () => {
    const shown = shownErrors(
      [
        { field: 'occurredAt', message: 'Enter the date' },
        { field: 'occurredAt', message: 'ignored' },
        { field: 'person.givenName', message: 'Enter a first name' },
      ],
      ['occurredAt'],
    );
    expect(shown.errors.map((e) => e.href)).toEqual(['#occurredAt-day', '#person-givenName']);
    expect(shown.fieldErrors).toEqual({
      occurredAt: 'Enter the date',
      'person.givenName': 'Enter a first name',
    });
  });

  it('labels validation messages by field', () => {
    expect(labelled({ field: 'person.dateOfBirth', message: 'is required' })).toEqual({
      field: 'person.dateOfBirth',
      message: 'Date of birth is required',
    });
  });
});

import { barChart, escapeXml, formatValue, funnelChart, lineChart, niceTicks } from './svg';

/** Checks that tags nest and close; enough to catch broken markup without an XML parser. */
function expectBalancedTags(svg: string): void {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
}

/** The text content of every <text> element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, t]) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

function expectAccessibleFrame(svg: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 ')).toBe(true);
  expect(svg).toContain('role="img"');
  const [, labelledBy] = /aria-labelledby="([^"]+)"/.exec(svg) ?? [];
  const [titleId, descId] = labelledBy.split(' ');
  expect(svg).toContain(`<title id="${titleId}">`);
  expect(svg).toContain(`<desc id="${descId}">`);
  expect(svg).not.toMatch(/<script|<style|style=|on[a-z]+=|href=/i);
  expectBalancedTags(svg);
}

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });

  it('drops characters XML cannot carry and keeps every script', () => {
    expect(escapeXml('a\u0000b\u001Fc\ud800')).toBe('abc');
    expect(escapeXml('ትግርኛ العربية 👍\tend\n')).toBe('ትግርኛ العربية 👍\tend\n');
  });
});

describe('formatValue', () => {
  it.each([
    [0, undefined, '0'],
    [1234567, undefined, '1,234,567'],
    [30.79, undefined, '30.8'],
    [1234.5, undefined, '1,234.5'],
    [42, '%', '42%'],
    [3, 'people', '3 people'],
  ])('%d %s → %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('barChart', () => {
  const bars = [
    { label: 'GP practice', value: 1234 },
    { label: 'Charity', value: null },
    { label: 'Faith group', value: 0 },
    { label: 'Self-referral', value: 56 },
  ];

  it('is an accessible image with the data in words', () => {
    const svg = barChart({
      title: 'Referrals by channel',
      description: 'April to June 2025.',
      bars,
    });
    expectAccessibleFrame(svg);
    expect(svg).toContain('>Referrals by channel</title>');
    expect(svg).toContain(
      'April to June 2025. Horizontal bar chart. GP practice: 1,234; Charity: suppressed [c]; ' +
        'Faith group: 0; Self-referral: 56.</desc>',
    );
  });

  it('labels every bar with its value', () => {
    const shown = texts(barChart({ title: 'T', bars }));
    for (const label of ['GP practice', 'Charity', 'Faith group', 'Self-referral']) {
      expect(shown).toContain(label);
    }
    for (const value of ['1,234', '[c]', '0', '56']) expect(shown).toContain(value);
  });

  it('draws a suppressed value as a hatched box, not a bar of any length', () => {
    const svg = barChart({ title: 'T', bars });
    const [, patternId] = /<pattern id="([^"]+)"/.exec(svg) ?? [];
    expect(svg).toContain(`fill="url(#${patternId})"`);
    expect(svg.match(/fill="#505a5f"/g)).toHaveLength(2);
    expect(barChart({ title: 'T', bars: [{ label: 'a', value: 3 }] })).not.toContain('<pattern');
  });

  it('scales the largest bar to the full width and the rest in proportion', () => {
    const svg = barChart({
      title: 'T',
      bars: [
        { label: 'a', value: 200 },
        { label: 'b', value: 50 },
      ],
    });
    const widths = [...svg.matchAll(/<rect x="210"[^>]* width="([\d.]+)"/g)].map(([, w]) =>
      Number(w),
    );
    expect(widths[1]).toBeCloseTo(widths[0] / 4, 0);
  });

  it('escapes every piece of text it is given', () => {
    const svg = barChart({
      title: '<script>alert("x")</script>',
      description: 'a & b',
      unit: '<u>',
      bars: [{ label: '"><img src=x onerror=alert(1)>', value: 7 }],
    });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<u>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(svg).toContain('a &amp; b');
    expectBalancedTags(svg);
  });

  it('gives each chart its own ids, or the one asked for', () => {
    const a = barChart({ title: 'A', bars });
    const b = barChart({ title: 'B', bars });
    const id = (svg: string) => /<title id="([^"]+)"/.exec(svg)?.[1];
    expect(id(a)).not.toBe(id(b));
    expect(id(a)).toBe(id(barChart({ title: 'A', bars })));
    expect(id(barChart({ title: 'A', bars, id: 'channel chart"' }))).toBe('channel-chart--title');
  });

  it('says when there is no data', () => {
    const svg = barChart({ title: 'Empty', bars: [] });
    expectAccessibleFrame(svg);
    expect(texts(svg)).toContain('No data');
    expect(svg).toContain('No data.</desc>');
  });

  it('shortens long labels on the chart but not in the description', () => {
    const label = 'Congo (Democratic Republic of the) and a good deal more';
    const svg = barChart({ title: 'T', bars: [{ label, value: 9 }] });
    expect(texts(svg).some((t) => t.endsWith('…'))).toBe(true);
    expect(svg).toContain(`${label}: 9.</desc>`);
  });

  it('rejects negative and non-finite values', () => {
    expect(() => barChart({ title: 'T', bars: [{ label: 'a', value: -1 }] })).toThrow(RangeError);
    expect(() => barChart({ title: 'T', bars: [{ label: 'a', value: Infinity }] })).toThrow(
      RangeError,
    );
  });
});

describe('funnelChart', () => {
  const stages = [
    { label: 'Referrals', value: 263 },
    { label: 'Accepted', value: 200 },
    { label: 'Placed', value: 81 },
    { label: 'Attended', value: null },
    { label: 'Completed', value: 12 },
  ];

  it('labels every stage with its value and its share of the first', () => {
    const svg = funnelChart({ title: 'From referral to completion', stages });
    expectAccessibleFrame(svg);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        'Referrals',
        '263',
        '200 (76%)',
        '81 (31%)',
        'Attended',
        '[c]',
        '12 (5%)',
      ]),
    );
    expect(svg).toContain('Attended: suppressed [c]');
    expect(svg).toContain('Placed is 31% of Referrals');
    expect(svg).toContain('fill="url(#');
  });

  it('gives no shares when the first stage is suppressed or zero', () => {
    const hidden = funnelChart({
      title: 'T',
      stages: [
        { label: 'R', value: null },
        { label: 'A', value: 6 },
      ],
    });
    expect(texts(hidden)).toContain('6');
    expect(hidden).not.toContain('%');
    const zero = funnelChart({
      title: 'T',
      stages: [
        { label: 'R', value: 0 },
        { label: 'A', value: 0 },
      ],
    });
    expect(zero).not.toContain('%');
  });

  it('escapes stage labels', () => {
    const svg = funnelChart({ title: 'T', stages: [{ label: 'a<b>&c', value: 5 }] });
    expect(svg).toContain('a&lt;b&gt;&amp;c');
    expectBalancedTags(svg);
  });
});

describe('lineChart', () => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'].map((m) => `${m} 2025`);
  const points = months.map((label, i) => ({ label, value: [14, 22, null, 9, 30, 18][i] }));

  it('labels every point with its value and every month', () => {
    const svg = lineChart({ title: 'Referrals per month', points });
    expectAccessibleFrame(svg);
    const shown = texts(svg);
    for (const month of months) expect(shown).toContain(month);
    for (const value of ['14', '22', '[c]', '9', '30', '18']) expect(shown).toContain(value);
    expect(svg).toContain('Mar 2025: suppressed [c]');
  });

  it('breaks the line at a suppressed month and marks only shown points', () => {
    const svg = lineChart({ title: 'T', points });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(5);
  });

  it('does not draw a line to or from an isolated point', () => {
    const svg = lineChart({
      title: 'T',
      points: [
        { label: 'a', value: 5 },
        { label: 'b', value: null },
        { label: 'c', value: 6 },
        { label: 'd', value: null },
      ],
    });
    expect(svg).not.toContain('<polyline');
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });

  it('slants month labels when there are too many to sit side by side', () => {
    const many = Array.from({ length: 24 }, (_, i) => ({ label: `Month ${i + 1}`, value: i }));
    const svg = lineChart({ title: 'T', points: many });
    expect(svg).toContain('transform="rotate(-45');
    expect(texts(svg)).toEqual(expect.arrayContaining(['0', '23', 'Month 24']));
    expect(lineChart({ title: 'T', points })).not.toContain('rotate(');
  });

  it('formats values with a unit', () => {
    const svg = lineChart({ title: 'Uptake', unit: '%', points: [{ label: 'Jan', value: 30.79 }] });
    expect(texts(svg)).toContain('30.8%');
  });

  it('draws an empty chart', () => {
    const svg = lineChart({ title: 'T', points: [] });
    expectAccessibleFrame(svg);
    expect(texts(svg)).toContain('No data');
  });
});

describe('niceTicks', () => {
  it.each([
    [0, true, [0, 1]],
    [3, true, [0, 1, 2, 3]],
    [10, true, [0, 5, 10]],
    [37, true, [0, 10, 20, 30, 40]],
    [1234, true, [0, 500, 1000, 1500]],
    [0.62, false, [0, 0.2, 0.4, 0.6, 0.8]],
    [10, false, [0, 5, 10]],
    [1, false, [0, 0.5, 1]],
    [1, true, [0, 1]],
  ])('max %d (whole %s) → %j', (max, whole, ticks) => {
    expect(niceTicks(max, whole)).toEqual(ticks);
  });
});

import { requiredLevelFor } from './safeguarding.service';

describe('requiredLevelFor', () => {
  it('is level 1 with no flags', () => expect(requiredLevelFor([])).toBe(1));
  it('is level 2 for an adult at risk or a child', () => {
    expect(requiredLevelFor(['adult_at_risk'])).toBe(2);
    expect(requiredLevelFor(['child'])).toBe(2);
  });
  it('is the highest level any flag needs', () => {
    expect(requiredLevelFor(['child', 'trafficking_survivor'])).toBe(3);
    expect(requiredLevelFor(['recent_trauma_disclosure'])).toBe(3);
  });
});

/** Plan items of a diabetes visit in phrasings the train visits do not use. */
import { describe, expect, it } from 'vitest';
import { itemsOf } from './draft-helpers.js';

describe('a drug added on top of another', () => {
  it('starts the drug added and continues the one it is added to', () => {
    const items = itemsOf(["[doctor] we'll add jardiance 10 mg once a day on top of the metformin."]);
    expect(items).toContain('Start jardiance 10 mg once a day.');
    expect(items).toContain('Continue metformin.');
    expect(items.join(' ')).not.toMatch(/Start metformin/i);
  });
  it('refers to a diabetes educator', () => {
    const items = itemsOf(["[doctor] i'm also going to refer you to our diabetes educator."]);
    expect(items.join(' ')).toMatch(/Refer to diabetes educator/i);
  });
});

describe('permission with a full course', () => {
  it('writes no "as needed" that was not said', () => {
    const items = itemsOf(['[doctor] you can take ibuprofen 600 mg three times a day with food for a week.']);
    expect(items.join(' ')).toMatch(/ibuprofen 600 mg 3 times a day with food for a week/i);
    expect(items.join(' ')).not.toMatch(/as needed/);
    expect(itemsOf(['[doctor] you can take tylenol for the pain.']).join(' ')).toMatch(/as needed/);
  });
});

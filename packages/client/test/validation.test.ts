import { describe, expect, it } from 'vitest';
import { validateCreateCustomer } from '../src/validation.js';

const valid = {
  firstName: 'Aya',
  lastName: 'Kouassi',
  email: 'aya.kouassi@example.com',
  phoneNumber: '0102030405',
  address: { countryCode: 'CI', city: 'Abidjan', streetAddress: 'Cocody' },
};

describe('validateCreateCustomer', () => {
  it('accepts an input that matches the spec', () => {
    expect(validateCreateCustomer(valid)).toEqual({ success: true, output: valid });
  });

  it('lists every bad field with its dotted path', () => {
    const result = validateCreateCustomer({
      ...valid,
      email: 'not-an-email',
      address: { ...valid.address, countryCode: 'ci' },
    });

    expect(result.success).toBe(false);
    expect(result.success ? [] : result.issues.map((i) => i.path)).toEqual([
      'email',
      'address.countryCode',
    ]);
  });

  it('names a missing field', () => {
    const { phoneNumber: _omitted, ...rest } = valid;
    const result = validateCreateCustomer(rest);

    expect(result.success ? [] : result.issues.map((i) => i.path)).toEqual(['phoneNumber']);
  });
});

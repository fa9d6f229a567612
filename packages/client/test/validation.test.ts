import { describe, expect, it } from 'vitest';
import { validateCreateCustomer } from '../src/validation.js';
import { customerInput as valid } from './fake-api.js';

function paths(input: unknown) {
  const result = validateCreateCustomer(input);
  return result.success ? [] : result.issues.map((issue) => issue.path);
}

describe('validateCreateCustomer', () => {
  it('accepts an input that matches the spec', () => {
    expect(validateCreateCustomer(valid)).toEqual({ success: true, output: valid });
  });

  it('lists every bad field with its dotted path', () => {
    expect(
      paths({ ...valid, email: 'not-an-email', address: { ...valid.address, city: '' } }),
    ).toEqual(['email', 'address.city']);
  });

  it('says a missing field is required', () => {
    const { phoneNumber: _omitted, ...rest } = valid;

    expect(validateCreateCustomer(rest)).toEqual({
      success: false,
      issues: [{ path: 'phoneNumber', message: 'is required' }],
    });
  });

  it('refuses a field the API does not list, telling to remove it', () => {
    expect(validateCreateCustomer({ ...valid, Address: valid.address })).toEqual({
      success: false,
      issues: [
        {
          path: 'Address',
          message: 'is not a field the API accepts: remove it or fix its spelling',
        },
      ],
    });
  });

  it('names the expected type without echoing the value', () => {
    const result = validateCreateCustomer({ ...valid, phoneNumber: 102030405, address: 'Abidjan' });

    expect(result.success ? [] : result.issues).toEqual([
      { path: 'phoneNumber', message: 'must be string, not a number' },
      { path: 'address', message: 'must be an object, not a string' },
    ]);
  });

  it('refuses something that is not an object at all', () => {
    expect(paths(null)).toEqual(['']);
  });

  it('names an array given for the address at the address itself, with other bad fields', () => {
    const result = validateCreateCustomer({ ...valid, email: 'nope', address: [] });

    expect(result.success ? [] : result.issues).toEqual([
      { path: 'address', message: 'must be an object, not an array' },
      { path: 'email', message: 'must be an email address, like name@example.com' },
    ]);
  });

  it('names an array given for the whole input once, at the input', () => {
    expect(paths([valid])).toEqual(['']);
  });

  it('names an object given for a string field with the right article', () => {
    expect(validateCreateCustomer({ ...valid, firstName: {} })).toEqual({
      success: false,
      issues: [{ path: 'firstName', message: 'must be string, not an object' }],
    });
  });

  describe('countryCode', () => {
    it('is upper-cased when given in lower or mixed case, without touching the input', () => {
      const input = { ...valid, address: { ...valid.address, countryCode: 'ci' } };

      const result = validateCreateCustomer(input);

      expect(result.success && result.output.address.countryCode).toBe('CI');
      expect(
        validateCreateCustomer({ ...input, address: { ...input.address, countryCode: 'cI' } }),
      ).toMatchObject({ success: true, output: { address: { countryCode: 'CI' } } });
      expect(input.address.countryCode).toBe('ci');
    });

    it.each(['CIV', 'C', 'c1', '', 'ß', 'cı'])(
      'refuses %j naming the expected form',
      (countryCode) => {
        expect(
          validateCreateCustomer({ ...valid, address: { ...valid.address, countryCode } }),
        ).toEqual({
          success: false,
          issues: [
            {
              path: 'address.countryCode',
              message: 'must be a two-letter ISO 3166-1 alpha-2 country code, like CI',
            },
          ],
        });
      },
    );
  });
});

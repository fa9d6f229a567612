import type { CreateCustomerRequest } from '@digitalpaye/client';
import fc from 'fast-check';

const text = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });

const emailLocal = fc
  .array(fc.stringMatching(/^[A-Za-z0-9_+-]{1,12}$/), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('.'));
const domainLabel = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,10}$/), { minLength: 1, maxLength: 2 })
  .map((parts) => parts.join('-'));
const domain = fc
  .tuple(fc.array(domainLabel, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([labels, tld]) => `${labels.join('.')}.${tld}`);

/** Email addresses every layer accepts: the client's schema and the spec's `format: email`. */
export const email = fc.tuple(emailLocal, domain).map(([local, host]) => `${local}@${host}`);

/** Any customer input the spec allows: non-empty strings, accents and symbols included. */
export const validCustomer: fc.Arbitrary<CreateCustomerRequest> = fc.record({
  firstName: text,
  lastName: text,
  email,
  phoneNumber: text,
  address: fc.record({
    countryCode: fc.stringMatching(/^[A-Z]{2}$/),
    city: text,
    streetAddress: text,
  }),
});

const STRING_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
  'address.countryCode',
  'address.city',
  'address.streetAddress',
] as const;
const REQUIRED_FIELDS = [...STRING_FIELDS, 'address'] as const;
const NON_EMPTY_FIELDS = STRING_FIELDS.filter((f) => f !== 'email' && f !== 'address.countryCode');

/** A customer input broken in exactly one field, with the dotted path of that field. */
export interface BrokenCustomer {
  input: unknown;
  path: string;
  what: string;
}

type Json = Record<string, unknown>;

function breakAt(
  valid: CreateCustomerRequest,
  path: string,
  change: (parent: Json, key: string) => void,
) {
  const input = structuredClone(valid) as unknown as Json;
  const keys = path.split('.');
  const key = keys.pop() as string;
  const parent = keys.reduce((node, k) => node[k] as Json, input);
  change(parent, key);
  return input;
}

function set(value: unknown) {
  return (parent: Json, key: string) => {
    parent[key] = value;
  };
}

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.constant({}),
);
const notAnObject = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
);
const notAnEmail = fc.oneof(
  emailLocal,
  emailLocal.map((local) => `${local}@`),
  domain.map((host) => `@${host}`),
  fc.tuple(emailLocal, domainLabel).map(([local, label]) => `${local}@${label}`),
  fc.tuple(emailLocal, domain).map(([local, host]) => `${local}@@${host}`),
  fc.tuple(emailLocal, domain).map(([local, host]) => `${local} @${host}`),
);
const notACountryCode = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[A-Z]$/),
  fc.stringMatching(/^[A-Z]{3,4}$/),
  fc.stringMatching(/^[0-9]{2}$/),
  fc.stringMatching(/^[A-Z] $/),
);
const unknownKey = fc
  .stringMatching(/^[a-z][A-Za-z]{0,10}$/)
  .filter((key) => !['firstName', 'lastName', 'email', 'phoneNumber', 'address'].includes(key))
  .filter((key) => !['countryCode', 'city', 'streetAddress'].includes(key))
  .filter((key) => !['constructor', 'prototype', 'toString', 'valueOf'].includes(key));

/** A valid input whose field at `path` is replaced by a value from `value`. */
function replaced(
  paths: fc.Arbitrary<string>,
  value: fc.Arbitrary<unknown>,
  what: string,
): fc.Arbitrary<BrokenCustomer> {
  return fc.tuple(validCustomer, paths, value).map(([valid, path, v]) => ({
    input: breakAt(valid, path, set(v)),
    path,
    what,
  }));
}

const missing = fc
  .tuple(validCustomer, fc.constantFrom(...REQUIRED_FIELDS))
  .map(([valid, path]) => ({
    input: breakAt(valid, path, (parent, key) => delete parent[key]),
    path,
    what: 'missing',
  }));

/** Valid inputs broken in one way each: a field missing, mistyped, empty, malformed, or one too many. */
export const brokenCustomer: fc.Arbitrary<BrokenCustomer> = fc.oneof(
  missing,
  replaced(fc.constantFrom(...STRING_FIELDS), notAString, 'not a string'),
  replaced(fc.constant('address'), notAnObject, 'not an object'),
  replaced(fc.constantFrom(...NON_EMPTY_FIELDS), fc.constant(''), 'empty'),
  replaced(fc.constant('email'), notAnEmail, 'not an email'),
  replaced(fc.constant('address.countryCode'), notACountryCode, 'not a country code'),
  replaced(
    fc.tuple(fc.constantFrom('', 'address.'), unknownKey).map(([prefix, key]) => prefix + key),
    fc.string(),
    'unknown property',
  ),
);

// The documented response bodies, shared by the stand-in server and the
// in-process fetch so both answer every peer with the same bytes.

const TOKEN_LIFETIME_S = 600;

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT-shaped token (unsigned: nothing checks the signature) and the `/v1/auth` body carrying it. */
export function issueToken(now = Date.now()): { token: string; body: string } {
  const iat = Math.floor(now / 1000);
  const exp = iat + TOKEN_LIFETIME_S;
  const token = [
    base64url({ alg: 'HS256', typ: 'JWT' }),
    base64url({ companyId: 'company-bench-0001', iat, exp }),
    'c2lnbmF0dXJlLW5vdC1jaGVja2Vk',
  ].join('.');
  return {
    token,
    body: JSON.stringify({ statusCode: 200, message: 'Successful', data: { token, exp } }),
  };
}

/** The id every created customer gets, so a caller can check the answer went through. */
export const CUSTOMER_ID = '3f1c2b9e-5d7a-4c8e-9b6f-0a1d2e3f4a5b';

/** The `/v1/customer` body: the input echoed with an `id` and `createdAt`. */
export function customerBody(input: unknown): string {
  const customer = { id: CUSTOMER_ID, ...(input as object), createdAt: '2026-01-15T09:30:00.000Z' };
  return JSON.stringify({ statusCode: 200, message: 'Successful', data: customer });
}

export function failureBody(statusCode: number, message: string, reason: string): string {
  return JSON.stringify({ statusCode, message, reason });
}

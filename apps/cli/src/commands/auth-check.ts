import { ConfigurationError, DigitalPayeError } from '@digitalpaye/client';
import { type Context, EXIT, numberFlag } from '../context.js';
import { clientFrom } from '../settings.js';

/** `digitalpaye auth check`: exchanges the credentials once and says what they are valid for. */
export async function authCheck(ctx: Context): Promise<number> {
  const { io, t, flags } = ctx;
  const dp = clientFrom(flags, io.env, numberFlag(ctx, 'timeout', 1, 600_000));

  try {
    const { environment, expiresAt } = await dp.authenticate();
    io.stdout.write(
      flags.json
        ? `${JSON.stringify({ valid: true, environment, expiresAt: expiresAt.toISOString() })}\n`
        : `${t.authValid(environment, expiresAt.toISOString())}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof DigitalPayeError) || error instanceof ConfigurationError) throw error;

    // Only a 401 or 403 says the credentials are wrong; a connection error, a timeout
    // or a 5xx says nothing about them, and must not send the user off to rotate keys.
    const refused = error.status === 401 || error.status === 403;
    if (flags.json) {
      const valid = refused ? false : null;
      io.stdout.write(`${JSON.stringify({ valid, status: error.status, error: error.message })}\n`);
    }
    io.stderr.write(`${refused ? t.authInvalid(error.message) : t.authUnchecked(error.message)}\n`);
    return EXIT.failed;
  }
}

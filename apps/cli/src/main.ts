import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type CreateCustomerRequest, DigitalPaye, DigitalPayeError } from '@digitalpaye/client';
import { formatCustomer } from './format.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `Usage: digitalpaye customers create (--file FILE | --first-name NAME --last-name NAME
         --email EMAIL --phone NUMBER --country CC --city CITY --street ADDRESS) [--json]

Credentials and target come from the environment:
  DIGITALPAYE_API_KEY, DIGITALPAYE_API_SECRET, DIGITALPAYE_ENVIRONMENT (Production | Sandbox),
  DIGITALPAYE_BASE_URL (default https://api.digitalpaye.com)
`;

class UsageError extends Error {}

const options = {
  file: { type: 'string' },
  'first-name': { type: 'string' },
  'last-name': { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  country: { type: 'string' },
  city: { type: 'string' },
  street: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true }>
>['values'];

async function readInput(values: Values): Promise<CreateCustomerRequest> {
  if (values.file) {
    const text = await readFile(values.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${values.file}: ${error.code ?? error.message}`);
    });
    try {
      return JSON.parse(text) as CreateCustomerRequest;
    } catch {
      throw new UsageError(`${values.file} is not valid JSON`);
    }
  }

  const flags = {
    'first-name': values['first-name'],
    'last-name': values['last-name'],
    email: values.email,
    phone: values.phone,
    country: values.country,
    city: values.city,
    street: values.street,
  };
  const missing = Object.entries(flags)
    .filter(([, value]) => value === undefined)
    .map(([name]) => `--${name}`);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')} (or pass --file)`);

  return {
    firstName: flags['first-name'] as string,
    lastName: flags['last-name'] as string,
    email: flags.email as string,
    phoneNumber: flags.phone as string,
    address: {
      countryCode: flags.country as string,
      city: flags.city as string,
      streetAddress: flags.street as string,
    },
  };
}

/** Runs the command line and resolves to its exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (positionals.join(' ') !== 'customers create') {
    io.stderr.write(`unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
    return EXIT.usage;
  }

  try {
    const input = await readInput(values);
    const dp = new DigitalPaye({ environment: io.env.DIGITALPAYE_ENVIRONMENT as 'Sandbox' });
    const customer = await dp.customers.create(input);
    io.stdout.write(
      values.json ? `${JSON.stringify(customer, null, 2)}\n` : formatCustomer(customer),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof DigitalPayeError) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.status === undefined ? EXIT.usage : EXIT.failed;
    }
    throw error;
  }
}

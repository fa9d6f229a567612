import { parseArgs } from 'node:util';
import { ConfigurationError, DigitalPayeError } from '@digitalpaye/client';
import { authCheck } from './commands/auth-check.js';
import { customersCreate } from './commands/customers-create.js';
import { customersImport } from './commands/customers-import.js';
import { type Context, EXIT, type Flags, type Io, UsageError } from './context.js';
import { helpText } from './help.js';
import { languageOf, messagesFor } from './messages.js';

export { EXIT, type Io } from './context.js';

const options = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  'api-key': { type: 'string' },
  'api-secret': { type: 'string' },
  environment: { type: 'string' },
  'base-url': { type: 'string' },
  timeout: { type: 'string' },
  // customers create
  file: { type: 'string' },
  'first-name': { type: 'string' },
  'last-name': { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  country: { type: 'string' },
  city: { type: 'string' },
  street: { type: 'string' },
  // customers import
  'dry-run': { type: 'boolean' },
  concurrency: { type: 'string' },
  journal: { type: 'string' },
  failed: { type: 'string' },
  resume: { type: 'boolean' },
  'retry-unknown': { type: 'boolean' },
  delimiter: { type: 'string' },
  format: { type: 'string' },
} as const;

const COMMANDS: Record<string, (ctx: Context) => Promise<number>> = {
  'auth check': authCheck,
  'customers create': customersCreate,
  'customers import': customersImport,
};

/** Runs the command line and resolves to its exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const language = languageOf(io.env);
  const t = messagesFor(language);
  const fail = (message: string, code: number) => {
    io.stderr.write(`${t.usageError(message)}\n`);
    return code;
  };

  let flags: Flags;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    flags = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    return fail(`${(error as Error).message}\n${t.seeHelp}`, EXIT.usage);
  }

  if (flags.help) {
    io.stdout.write(helpText(language));
    return EXIT.ok;
  }

  if (positionals.length === 0) {
    io.stderr.write(helpText(language));
    return EXIT.usage;
  }

  const name = positionals.slice(0, 2).join(' ');
  const command = COMMANDS[name];
  if (!command) {
    return fail(`${t.unknownCommand(positionals.join(' '))}\n${t.seeHelp}`, EXIT.usage);
  }

  try {
    return await command({ io, t, language, flags, args: positionals.slice(2) });
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigurationError) {
      return fail(error.message, EXIT.usage);
    }
    if (error instanceof DigitalPayeError) return fail(error.message, EXIT.failed);
    throw error;
  }
}

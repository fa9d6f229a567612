import { createReadStream } from 'node:fs';
import { type CreateCustomerRequest, validateCreateCustomer } from '@digitalpaye/client';
import { type Context, EXIT, numberFlag, UsageError } from '../context.js';
import { describeFailure } from '../failure.js';
import { MAX_RECORD_BYTES } from '../import/source.js';
import { clientFrom } from '../settings.js';
import { formatCustomer } from './format.js';

/**
 * Reads at most `limit` bytes; `undefined` when there is more, so an oversized
 * input is refused without being held in memory.
 */
async function readBounded(
  stream: NodeJS.ReadableStream,
  limit: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const FIELD_FLAGS = ['first-name', 'last-name', 'email', 'phone', 'country', 'city', 'street'];

async function readJson(ctx: Context, file: string): Promise<unknown> {
  const source = file === '-' ? 'stdin' : file;
  const stream = file === '-' ? ctx.io.stdin : createReadStream(file);
  const content = await readBounded(stream, MAX_RECORD_BYTES).catch(
    (error: NodeJS.ErrnoException) => {
      throw new UsageError(ctx.t.cannotRead(file, error.code ?? error.message));
    },
  );
  if (content === undefined) throw new UsageError(ctx.t.inputTooLarge(source, '1 MiB'));
  if (content.trim() === '') throw new UsageError(ctx.t.noCustomerGiven);
  try {
    return JSON.parse(content);
  } catch {
    throw new UsageError(ctx.t.notJson(source));
  }
}

function fromFlags(ctx: Context): unknown {
  const flag = (name: string) => ctx.flags[name] as string | undefined;
  const missing = FIELD_FLAGS.filter((name) => flag(name) === undefined).map((n) => `--${n}`);
  if (missing.length > 0) throw new UsageError(ctx.t.missingFlags(missing));

  return {
    firstName: flag('first-name'),
    lastName: flag('last-name'),
    email: flag('email'),
    phoneNumber: flag('phone'),
    address: { countryCode: flag('country'), city: flag('city'), streetAddress: flag('street') },
  };
}

async function readInput(ctx: Context): Promise<CreateCustomerRequest> {
  const file = ctx.flags.file as string | undefined;
  const anyField = FIELD_FLAGS.some((name) => ctx.flags[name] !== undefined);
  const input =
    file !== undefined
      ? await readJson(ctx, file)
      : anyField || ctx.io.stdin.isTTY
        ? fromFlags(ctx)
        : await readJson(ctx, '-');

  const checked = validateCreateCustomer(input);
  if (checked.success) return checked.output;
  const list = checked.issues.map((issue) => `  ${issue.path || '(input)'}: ${issue.message}`);
  throw new UsageError(`${ctx.t.invalidCustomer}\n${list.join('\n')}`);
}

/** `digitalpaye customers create`: one customer from flags, a JSON file or stdin. */
export async function customersCreate(ctx: Context): Promise<number> {
  const { io, t, flags } = ctx;
  const timeout = numberFlag(ctx, 'timeout', 1, 600_000);
  const input = await readInput(ctx);
  const dp = clientFrom(flags, io.env, timeout);

  try {
    const customer = await dp.customers.create(input);
    io.stdout.write(
      flags.json ? `${JSON.stringify(customer, null, 2)}\n` : formatCustomer(customer, t),
    );
    return EXIT.ok;
  } catch (error) {
    const failure = describeFailure(error);
    io.stderr.write(`${t.apiFailed(failure.error)}\n`);
    if (failure.outcome === 'unknown') io.stderr.write(`${t.createUnknown}\n`);
    return EXIT.failed;
  }
}

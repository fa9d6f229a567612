import type { CreateCustomerRequest, DigitalPayeOptions, Logger } from '@digitalpaye/client';
import { DigitalPaye } from '@digitalpaye/client';
import { type FaultServer, type FaultServerOptions, startFaultServer } from '@digitalpaye/testkit';
import { CANARY } from '../../src/canary.js';
import { capture, recordTokens } from './capture.js';

const FIRST_NAMES = ['Aya', 'Koffi', 'Adjoua', 'Yao', 'Awa', 'Moussa', 'Affoué', 'Sékou'];
const LAST_NAMES = ['Kouassi', 'Traoré', 'Koné', 'Bamba', 'N’Guessan', 'Ouattara', 'Diabaté'];
const CITIES = ['Abidjan', 'Bouaké', 'Yamoussoukro', 'San-Pédro', 'Korhogo'];

/** A fictitious customer, distinct for each `n` through its email. */
export function customerFor(n: number, tag = 'fault'): CreateCustomerRequest {
  return {
    firstName: FIRST_NAMES[n % FIRST_NAMES.length] as string,
    lastName: LAST_NAMES[n % LAST_NAMES.length] as string,
    email: `${tag}.${n}@example.com`,
    phoneNumber: `07${String(n).padStart(8, '0')}`,
    address: {
      countryCode: 'CI',
      city: CITIES[n % CITIES.length] as string,
      streetAddress: `Rue ${n}, lot ${n % 97}`,
    },
  };
}

/** Customers the server created for each email; a count above 1 is a duplicate. */
export function createdByEmail(server: FaultServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { body } of server.created) {
    const email = String(body.email);
    counts.set(email, (counts.get(email) ?? 0) + 1);
  }
  return counts;
}

/**
 * A fault server that knows the canary credentials and token, and hands
 * every token it issued to the canary sweep when it closes.
 */
export async function startCanaryServer(
  options: Omit<FaultServerOptions, 'credentials'> = {},
): Promise<FaultServer> {
  const server = await startFaultServer({
    credentials: { apiKey: CANARY.apiKey, apiSecret: CANARY.apiSecret },
    acceptTokens: [CANARY.token],
    ...options,
  });
  const close = server.close.bind(server);
  server.close = async () => {
    recordTokens(server.tokens);
    await close();
  };
  return server;
}

/** A logger that writes every event, fields included, to a capture file for the sweep. */
export function capturingLogger(file: string): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const line = `${level} ${message} ${JSON.stringify(fields ?? {})}`;
    lines.push(line);
    capture(file, line);
  };
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

/** A client with the canary credentials aimed at `server`, logging to a capture file. */
export function canaryClient(
  server: FaultServer,
  options: DigitalPayeOptions = {},
): { dp: DigitalPaye; logger: ReturnType<typeof capturingLogger> } {
  const logger = capturingLogger('client.log');
  const dp = new DigitalPaye({
    apiKey: CANARY.apiKey,
    apiSecret: CANARY.apiSecret,
    environment: 'Sandbox',
    baseUrl: server.url,
    timeout: 2000,
    logger,
    ...options,
  });
  return { dp, logger };
}

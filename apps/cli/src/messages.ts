/**
 * Every sentence the CLI prints, in English and French. The language comes
 * from the locale variables in POSIX order (LC_ALL, LC_MESSAGES, LANG):
 * French when the first one set starts with `fr`.
 */
const en = {
  usageError: (message: string) => `error: ${message}`,
  seeHelp: 'Run `digitalpaye --help` for the commands and options.',
  unknownCommand: (command: string) => `unknown command "${command}"`,
  badNumber: (flag: string, value: string, range: string) =>
    `${flag} is "${value}": give a whole number ${range}`,
  badDelimiter: (value: string) => `--delimiter is "${value}": use ",", ";" or "tab"`,
  badFormat: (value: string) => `--format is "${value}": use csv or jsonl`,
  missingFlags: (flags: string[]) =>
    `missing ${flags.join(', ')} (or pass --file FILE, or JSON on stdin)`,
  noCustomerGiven: 'no customer given: pass the field flags, --file FILE, or JSON on stdin',
  missingFile: 'customers import needs a FILE (CSV or JSON lines)',
  cannotRead: (file: string, why: string) => `cannot read ${file}: ${why}`,
  cannotWrite: (file: string, why: string) => `cannot write ${file}: ${why}`,
  notJson: (file: string) => `${file} is not valid JSON`,
  inputTooLarge: (source: string, limit: string) =>
    `${source} is larger than ${limit}: one customer takes a few hundred bytes; check that it is the right input`,
  invalidCustomer: 'the customer is invalid, nothing was sent:',
  credentialsRefused: (message: string) => `the API refused the credentials: ${message}`,
  authValid: (environment: string, expiresAt: string) =>
    `Credentials valid for ${environment} (access token until ${expiresAt})`,
  authInvalid: (message: string) => `Credentials not accepted: ${message}`,
  authUnchecked: (message: string) =>
    `Could not check the credentials (the API did not refuse them): ${message}`,
  customerCreated: 'Customer created',
  createUnknown:
    'the API may have created this customer before the call failed: check before sending it again',
  apiFailed: (message: string) => `error: ${message}`,
  // Import
  notUtf8: (file: string) =>
    `${file} is not UTF-8 text: export it again as "CSV UTF-8" (or convert it to UTF-8)`,
  csvBroken: (file: string, line: number, why: string) =>
    `${file} line ${line} is not valid CSV: ${why}`,
  jsonLineBroken: (file: string, line: number) => `${file} line ${line} is not a JSON object`,
  lineTooLong: (file: string, line: number, limit: number) =>
    `${file} line ${line} is longer than ${limit} bytes: is it really a customer file?`,
  emptyFile: (file: string) => `${file} has no header line`,
  missingColumns: (columns: string[], found: string[]) =>
    `the header has no column ${columns.join(', ')} (columns found: ${found.join(', ') || 'none'})`,
  duplicateColumn: (column: string) => `the header has the column ${column} twice`,
  ignoredColumns: (columns: string[]) => `note: ignoring columns ${columns.join(', ')}`,
  journalExists: (journal: string) =>
    `the journal ${journal} already exists: pass --resume to continue that import, or --journal FILE to start another one`,
  journalMissing: (journal: string) =>
    `there is no journal ${journal} to resume: pass the --journal of the earlier run, or drop --resume`,
  journalBusy: (lockFile: string, pid: number) =>
    `another import (process ${pid}) is using this journal; wait for it to end, or delete ${lockFile} if that process is not an import`,
  retryUnknownAlone: '--retry-unknown only goes with --resume, on the journal of an earlier run',
  journalMismatch: (line: number, journal: string) =>
    `line ${line} is not the row that ${journal} recorded: the file changed since that import; start a new journal with --journal FILE`,
  rowIssue: (line: number, field: string, reason: string) => `line ${line}: ${field}: ${reason}`,
  emptyCell: 'required, the cell is empty',
  checking: (file: string) => `Checking ${file}...`,
  importing: (rows: number, concurrency: number) =>
    `Importing ${rows} rows, ${concurrency} at a time...`,
  progress: (done: number, total: number, failed: number, rate: string, eta: string) =>
    `${done}/${total} done, ${failed} failed, ${rate} rows/s, ETA ${eta}`,
  barFailed: 'failed',
  rateLimited: (seconds: number) => `rate limited by the API: waiting ${seconds} s`,
  stopping: 'stopping after the rows in flight (Ctrl-C again to quit at once)',
  halted: (message: string) =>
    `stopped: the API refused the credentials (${message}); fix them and run again with --resume`,
  unreachable: (message: string) =>
    `stopped: the API cannot be reached (${message}); run again with --resume when it can`,
  dryRunSummary: (rows: number, valid: number, invalid: number) =>
    `${rows} rows checked: ${valid} valid, ${invalid} invalid. Nothing was sent (--dry-run).`,
  summaryTitle: 'Import summary',
  summaryCreated: 'created',
  summaryAlready: 'already created (journal)',
  summaryFailed: 'failed',
  summaryInvalid: 'invalid',
  summaryUnknown: 'outcome unknown',
  summaryNotAttempted: 'not attempted',
  summaryFailedFile: (file: string) => `Failed rows, to fix and import again: ${file}`,
  summaryJournal: (file: string) => `Journal: ${file}`,
  summaryUnknownHint: (lines: string) =>
    `The ${lines} may have been created before their call failed: check them in your DigitalPaye dashboard. --resume does not send them again unless you add --retry-unknown.`,
  summaryResumeHint: 'Run the same command with --resume to continue.',
  lines: (lines: number[], more: number) =>
    `${lines.length + more > 1 ? 'lines' : 'line'} ${lines.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
};

export type Messages = typeof en;

const fr: Messages = {
  usageError: (message) => `erreur : ${message}`,
  seeHelp: 'Lancez `digitalpaye --help` pour les commandes et les options.',
  unknownCommand: (command) => `commande inconnue « ${command} »`,
  badNumber: (flag, value, range) => `${flag} vaut « ${value} » : donnez un nombre entier ${range}`,
  badDelimiter: (value) => `--delimiter vaut « ${value} » : utilisez « , », « ; » ou « tab »`,
  badFormat: (value) => `--format vaut « ${value} » : utilisez csv ou jsonl`,
  missingFlags: (flags) =>
    `il manque ${flags.join(', ')} (ou passez --file FICHIER, ou du JSON sur l'entrée standard)`,
  noCustomerGiven:
    "aucun client donné : passez les options des champs, --file FICHIER, ou du JSON sur l'entrée standard",
  missingFile: 'customers import attend un FICHIER (CSV ou JSON lines)',
  cannotRead: (file, why) => `impossible de lire ${file} : ${why}`,
  cannotWrite: (file, why) => `impossible d'écrire ${file} : ${why}`,
  notJson: (file) => `${file} n'est pas du JSON valide`,
  inputTooLarge: (source, limit) =>
    `${source} dépasse ${limit} : un client tient en quelques centaines d'octets ; vérifiez qu'il s'agit de la bonne entrée`,
  invalidCustomer: "le client n'est pas valide, rien n'a été envoyé :",
  credentialsRefused: (message) => `l'API a refusé les identifiants : ${message}`,
  authValid: (environment, expiresAt) =>
    `Identifiants valides pour ${environment} (jeton d'accès jusqu'à ${expiresAt})`,
  authInvalid: (message) => `Identifiants refusés : ${message}`,
  authUnchecked: (message) =>
    `Impossible de vérifier les identifiants (l'API ne les a pas refusés) : ${message}`,
  customerCreated: 'Client créé',
  createUnknown:
    "l'API a peut-être créé ce client avant l'échec de l'appel : vérifiez avant de le renvoyer",
  apiFailed: (message) => `erreur : ${message}`,
  notUtf8: (file) =>
    `${file} n'est pas du texte UTF-8 : exportez-le de nouveau en « CSV UTF-8 » (ou convertissez-le en UTF-8)`,
  csvBroken: (file, line, why) => `${file} ligne ${line} n'est pas du CSV valide : ${why}`,
  jsonLineBroken: (file, line) => `${file} ligne ${line} n'est pas un objet JSON`,
  lineTooLong: (file, line, limit) =>
    `${file} ligne ${line} dépasse ${limit} octets : est-ce bien un fichier de clients ?`,
  emptyFile: (file) => `${file} n'a pas de ligne d'en-tête`,
  missingColumns: (columns, found) =>
    `l'en-tête n'a pas de colonne ${columns.join(', ')} (colonnes trouvées : ${found.join(', ') || 'aucune'})`,
  duplicateColumn: (column) => `l'en-tête contient deux fois la colonne ${column}`,
  ignoredColumns: (columns) => `note : colonnes ignorées ${columns.join(', ')}`,
  journalExists: (journal) =>
    `le journal ${journal} existe déjà : passez --resume pour reprendre cet import, ou --journal FICHIER pour en commencer un autre`,
  journalMissing: (journal) =>
    `il n'y a pas de journal ${journal} à reprendre : passez le --journal de l'import précédent, ou retirez --resume`,
  journalBusy: (lockFile, pid) =>
    `un autre import (processus ${pid}) utilise ce journal ; attendez qu'il se termine, ou supprimez ${lockFile} si ce processus n'est pas un import`,
  retryUnknownAlone:
    "--retry-unknown ne s'emploie qu'avec --resume, sur le journal d'un import précédent",
  journalMismatch: (line, journal) =>
    `la ligne ${line} n'est pas celle que ${journal} a enregistrée : le fichier a changé depuis cet import ; commencez un nouveau journal avec --journal FICHIER`,
  rowIssue: (line, field, reason) => `ligne ${line} : ${field} : ${reason}`,
  emptyCell: 'obligatoire, la cellule est vide',
  checking: (file) => `Vérification de ${file}...`,
  importing: (rows, concurrency) => `Import de ${rows} lignes, ${concurrency} à la fois...`,
  progress: (done, total, failed, rate, eta) =>
    `${done}/${total} traitées, ${failed} en échec, ${rate} lignes/s, reste ${eta}`,
  barFailed: 'échecs',
  rateLimited: (seconds) => `limite de débit de l'API : attente de ${seconds} s`,
  stopping: 'arrêt après les lignes en cours (Ctrl-C de nouveau pour quitter tout de suite)',
  halted: (message) =>
    `arrêt : l'API a refusé les identifiants (${message}) ; corrigez-les et relancez avec --resume`,
  unreachable: (message) =>
    `arrêt : l'API est injoignable (${message}) ; relancez avec --resume quand elle répond`,
  dryRunSummary: (rows, valid, invalid) =>
    `${rows} lignes vérifiées : ${valid} valides, ${invalid} invalides. Rien n'a été envoyé (--dry-run).`,
  summaryTitle: "Bilan de l'import",
  summaryCreated: 'créés',
  summaryAlready: 'déjà créés (journal)',
  summaryFailed: 'en échec',
  summaryInvalid: 'invalides',
  summaryUnknown: 'issue inconnue',
  summaryNotAttempted: 'non tentés',
  summaryFailedFile: (file) => `Lignes en échec, à corriger puis importer de nouveau : ${file}`,
  summaryJournal: (file) => `Journal : ${file}`,
  summaryUnknownHint: (lines) =>
    `Les ${lines} ont peut-être été créées avant l'échec de leur appel : vérifiez-les dans votre tableau de bord DigitalPaye. --resume ne les renvoie pas, sauf si vous ajoutez --retry-unknown.`,
  summaryResumeHint: 'Relancez la même commande avec --resume pour continuer.',
  lines: (lines, more) =>
    `${lines.length + more > 1 ? 'lignes' : 'ligne'} ${lines.join(', ')}${more > 0 ? ` et ${more} autres` : ''}`,
};

export type Language = 'en' | 'fr';

/** Picks the language from the locale variables, POSIX order. */
export function languageOf(env: NodeJS.ProcessEnv): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function messagesFor(language: Language): Messages {
  return language === 'fr' ? fr : en;
}

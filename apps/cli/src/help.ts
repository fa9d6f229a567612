import type { Language } from './messages.js';

const en = `Usage: digitalpaye <command> [options]

Commands
  auth check                    Exchange the credentials and say which environment they are valid for.
  customers create              Create one customer from flags, --file FILE (JSON) or JSON on stdin.
      --first-name, --last-name, --email, --phone, --country, --city, --street
      --file FILE               A JSON customer; "-" reads stdin.
  customers import FILE         Import a CSV (comma or semicolon) or JSON-lines file.
      --dry-run                 Check every row and report the bad ones; send nothing.
      --concurrency N           Rows sent at a time (1-32, default 4).
      --journal FILE            Journal of row outcomes (default FILE.journal.jsonl).
      --failed FILE             Failed rows to fix and import again (default FILE.failed.csv).
      --resume                  Continue the import recorded in the journal; created rows are skipped.
      --retry-unknown           With --resume, also send again the rows whose outcome is unknown.
                                They may have been created already: check them first.
      --delimiter , | ; | tab   CSV separator (default: detected from the header line).
      --format csv | jsonl      File format (default: from the extension).

Options for every command
  --json                        Print the result as JSON.
  --environment Production|Sandbox, --base-url URL, --api-key KEY, --api-secret SECRET
                                Default to DIGITALPAYE_ENVIRONMENT, DIGITALPAYE_BASE_URL,
                                DIGITALPAYE_API_KEY, DIGITALPAYE_API_SECRET. Prefer the variable
                                for the secret: a flag is visible to other users of the machine.
  --timeout MS                  Time limit of each call (default: the client's).
  -h, --help                    Show this help.

Exit codes: 0 done, 1 some rows or the call failed, 2 usage, configuration or file error,
130 import stopped by Ctrl-C (continue it with --resume).
Messages are in French when LANG starts with "fr".
`;

const fr = `Usage : digitalpaye <commande> [options]

Commandes
  auth check                    Échange les identifiants et indique pour quel environnement ils sont valides.
  customers create              Crée un client depuis les options, --file FICHIER (JSON) ou du JSON sur l'entrée standard.
      --first-name, --last-name, --email, --phone, --country, --city, --street
      --file FICHIER            Un client en JSON ; « - » lit l'entrée standard.
  customers import FICHIER      Importe un fichier CSV (virgule ou point-virgule) ou JSON lines.
      --dry-run                 Vérifie chaque ligne et signale les mauvaises ; n'envoie rien.
      --concurrency N           Lignes envoyées à la fois (1 à 32, 4 par défaut).
      --journal FICHIER         Journal des résultats par ligne (par défaut FICHIER.journal.jsonl).
      --failed FICHIER          Lignes en échec à corriger et réimporter (par défaut FICHIER.failed.csv).
      --resume                  Reprend l'import du journal ; les lignes déjà créées sont sautées.
      --retry-unknown           Avec --resume, renvoie aussi les lignes dont l'issue est inconnue.
                                Elles ont peut-être déjà été créées : vérifiez d'abord.
      --delimiter , | ; | tab   Séparateur CSV (par défaut : détecté sur la ligne d'en-tête).
      --format csv | jsonl      Format du fichier (par défaut : d'après l'extension).

Options de toutes les commandes
  --json                        Affiche le résultat en JSON.
  --environment Production|Sandbox, --base-url URL, --api-key CLÉ, --api-secret SECRET
                                Par défaut DIGITALPAYE_ENVIRONMENT, DIGITALPAYE_BASE_URL,
                                DIGITALPAYE_API_KEY, DIGITALPAYE_API_SECRET. Préférez la variable
                                pour le secret : une option est visible des autres utilisateurs.
  --timeout MS                  Durée maximale de chaque appel (par défaut : celle du client).
  -h, --help                    Affiche cette aide.

Codes de sortie : 0 terminé, 1 des lignes ou l'appel ont échoué, 2 erreur d'usage, de configuration
ou de fichier, 130 import arrêté par Ctrl-C (à reprendre avec --resume).
`;

export function helpText(language: Language): string {
  return language === 'fr' ? fr : en;
}

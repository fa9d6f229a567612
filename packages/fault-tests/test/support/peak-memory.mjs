// Preloaded into a CLI process with `--import`: on exit, writes the process's
// peak resident memory (KiB) to the file named by DIGITALPAYE_PEAK_MEMORY_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.DIGITALPAYE_PEAK_MEMORY_FILE;
if (file) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}

// doiuse.mjs: caniemail's data (npm doiuse-email) as a regression check.
//
//   node doiuse.mjs TOOLS-DIR EMAIL-HTML BASELINE-JSON [--write]
//
// Counts, for Gmail, Outlook on Windows, Apple Mail and Yahoo, the HTML and
// CSS features of EMAIL-HTML that caniemail says one of the family's
// clients doesn't support: distinct features ("`@media` is not supported by
// `gmail.mobile-webmail`" is one feature for that client) and occurrences.
// Reports in TAP, one test per family, failing when a count is higher than
// BASELINE-JSON's (lower is fine: update the baseline with --write, and
// docs/rendering.md). The counts are printed either way.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [toolsDir, emailFile, baselineFile, write] = process.argv.slice(2);
const require = createRequire(join(resolve(toolsDir), 'node_modules', 'x.js'));

let doIUseEmail;
try {
  const mod = await import(pathToFileURL(require.resolve('doiuse-email')).href);
  doIUseEmail = mod.doIUseEmail ?? mod.default.doIUseEmail;
} catch (e) {
  console.log(`1..0 # SKIP doiuse-email missing in ${toolsDir} ` +
              '(build-aux/install-browser-tools installs it)');
  process.exit(0);
}

const FAMILIES = {
  'Gmail': ['gmail.*'],
  'Outlook Windows': ['outlook.windows', 'outlook.windows-mail'],
  'Apple Mail': ['apple-mail.*'],
  'Yahoo': ['yahoo.*'],
};

const html = readFileSync(emailFile, 'utf8');
const counts = {};
for (const [family, clients] of Object.entries(FAMILIES)) {
  const result = doIUseEmail(html, { emailClients: clients });
  const errors = result.success ? [] : result.errors;
  counts[family] = { features: new Set(errors).size, occurrences: errors.length };
}

if (write === '--write') {
  writeFileSync(baselineFile, JSON.stringify(counts, null, 2) + '\n');
}
const baseline = JSON.parse(readFileSync(baselineFile, 'utf8'));

let n = 0;
let failed = 0;
for (const [family, count] of Object.entries(counts)) {
  const was = baseline[family] ?? { features: 0, occurrences: 0 };
  const ok = count.features <= was.features && count.occurrences <= was.occurrences;
  n++;
  if (!ok)
    failed++;
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${family}: ${count.features} unsupported ` +
              `features (${count.occurrences} uses); baseline ${was.features} (${was.occurrences})`);
}
console.log(`1..${n}`);
process.exit(failed > 0 ? 1 : 0);

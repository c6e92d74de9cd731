// mjml-bench.mjs: MJML's in-process compile time and output size for
// sample.mjml, printed in the same tab-separated shape as bench-render:
//
//   node mjml-bench.mjs --mjml-dir=DIR [--warmup=N] [--min-runs=N]
//        [--min-time=S] [--max-time=S] SAMPLE.mjml
//
// DIR is the npm prefix MJML was installed into (build-aux/bench uses
// _build/bench-npm). The file is read once; each run is one call of
// mjml(text, options) awaited to the end, timed with process.hrtime. Two
// configurations: MJML's defaults (what `mjml in.mjml -o out.html` writes)
// and `minify: true` (the smallest output MJML offers).
//
//   meta  KEY   VALUE
//   time  mjml  sample  FORMAT  SECTIONS  RUNS  MEDIAN_US  P95_US  MIN_US  US_PER_SECTION  BYTES

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

const FLOOR_RUNS = 30;
// The sample newsletter has nine sections (masthead ... footer).
const SAMPLE_SECTIONS = 9;

function parseArgs (argv) {
  const options = {
    mjmlDir: null,
    warmup: 50,
    minRuns: 1000,
    minTime: 1.0,
    maxTime: 3.0,
    file: null,
  };
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (match === null) {
      if (options.file !== null)
        usage(`unexpected argument ${arg}`);
      options.file = arg;
      continue;
    }
    const [, key, value] = match;
    switch (key) {
      case 'mjml-dir': options.mjmlDir = value; break;
      case 'warmup': options.warmup = Number(value); break;
      case 'min-runs': options.minRuns = Number(value); break;
      case 'min-time': options.minTime = Number(value); break;
      case 'max-time': options.maxTime = Number(value); break;
      default: usage(`unknown option --${key}`);
    }
  }
  if (options.mjmlDir === null || options.file === null)
    usage('--mjml-dir=DIR and one SAMPLE.mjml, please');
  for (const key of ['warmup', 'minRuns', 'minTime', 'maxTime'])
    if (!Number.isFinite(options[key]) || options[key] < 0)
      usage(`bad value for ${key}`);
  return options;
}

function usage (message) {
  process.stderr.write(`mjml-bench: ${message}\n`);
  process.exit(2);
}

function nowUs () {
  return Number(process.hrtime.bigint()) / 1e3;
}

async function measure (compile, options) {
  let bytes = 0;
  let start = nowUs();
  // Warm-up: the JIT, caches; bounded as in bench-render.
  for (let i = 0; i < Math.max(options.warmup, 1); i++) {
    bytes = Buffer.byteLength((await compile()).html, 'utf8');
    if (nowUs() - start > options.maxTime * 1e6 / 3)
      break;
  }

  const times = [];
  start = nowUs();
  for (;;) {
    const elapsed = nowUs() - start;
    if (times.length >= options.minRuns && elapsed >= options.minTime * 1e6)
      break;
    if (times.length >= FLOOR_RUNS && elapsed >= options.maxTime * 1e6)
      break;
    const t0 = nowUs();
    const result = await compile();
    times.push(nowUs() - t0);
    bytes = Buffer.byteLength(result.html, 'utf8');
  }

  times.sort((a, b) => a - b);
  const n = times.length;
  return {
    runs: n,
    median: n % 2 === 1 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2,
    p95: times[Math.max(Math.ceil(0.95 * n), 1) - 1],
    min: times[0],
    bytes,
  };
}

function printResult (format, r) {
  process.stdout.write(['time', 'mjml', 'sample', format, SAMPLE_SECTIONS, r.runs,
    r.median.toFixed(1), r.p95.toFixed(1), r.min.toFixed(1),
    (r.median / SAMPLE_SECTIONS).toFixed(2), r.bytes].join('\t') + '\n');
}

const options = parseArgs(process.argv.slice(2));
const require = createRequire(path.join(path.resolve(options.mjmlDir), 'package.json'));
const mjmlModule = require('mjml');
const mjml = mjmlModule.default ?? mjmlModule;
const version = require('mjml/package.json').version;
const text = readFileSync(options.file, 'utf8');
const filePath = path.resolve(options.file);

// MJML's API defaults (the CLI also beautifies, which only adds bytes), and
// minify: true, the smallest output MJML offers.
const configurations = [
  ['email', { filePath }],
  ['email-minified', { filePath, minify: true }],
];

// MJML 5 returns a promise, MJML 4 the result itself: await handles both.
// MJML's own console chatter (htmlnano without its optional cssnano, say)
// stays out of the timings; its validation errors fail the run.
const consoleMethods = { log: console.log, warn: console.warn, error: console.error };
const silent = () => {};

process.stdout.write('# mjml-bench: in-process compile times in microseconds\n');
process.stdout.write(`meta\tmjml_version\t${version}\n`);
process.stdout.write(`meta\tnode_version\t${process.version}\n`);

for (const [format, mjmlOptions] of configurations) {
  let result;
  Object.assign(console, { log: silent, warn: silent, error: silent });
  try {
    const first = await mjml(text, mjmlOptions);
    if (first.errors !== undefined && first.errors.length > 0) {
      Object.assign(console, consoleMethods);
      for (const e of first.errors)
        process.stderr.write(`mjml-bench: ${options.file}:${e.line}: ${e.message}\n`);
      process.exit(1);
    }
    result = await measure(() => mjml(text, mjmlOptions), options);
  } finally {
    Object.assign(console, consoleMethods);
  }
  printResult(format, result);
}

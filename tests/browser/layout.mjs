// layout.mjs: lays out exported emails and web pages in a real browser
// (Debian's Chromium, headless, driven by puppeteer-core) and reports in TAP.
//
//   node layout.mjs TOOLS-DIR ARTIFACTS-DIR NAME:KIND:FILE[:PICTURES-DIR]...
//
// KIND is "email" or "web". An email is laid out at 360, 480 and 600 px in
// four states: normal, pictures blocked (every picture fails to load, as in
// a client that blocks them), <style> removed (what Gmail does with
// non-Google accounts: only inline styles hold) and a dark preference. A web
// page at 360 and 1280 px, light and dark. In every case
// document.scrollingElement.scrollWidth must be at most the viewport's
// width; a screenshot of the whole page is kept in ARTIFACTS-DIR. axe-core
// then checks the email and the web page (light, 600 and 1280 px): no
// violation of impact serious or critical.
//
// Nothing is fetched from the network: the email's https pictures are
// answered from PICTURES-DIR by file name (the folder the export took them
// from), and every other request that is not a local file is refused.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [toolsDir, artifactsDir, ...targets] = process.argv.slice(2);
const require = createRequire(join(resolve(toolsDir), 'node_modules', 'x.js'));

let puppeteer;
let axeSource;
try {
  puppeteer = require('puppeteer-core');
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  console.log(`1..0 # SKIP puppeteer-core or axe-core missing in ${toolsDir} ` +
              '(build-aux/install-browser-tools installs them)');
  process.exit(0);
}
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser']
  .find((p) => existsSync(p));
if (chromium === undefined) {
  console.log('1..0 # SKIP Chromium is not installed (Debian: apt install chromium)');
  process.exit(0);
}

mkdirSync(artifactsDir, { recursive: true });

const EMAIL_WIDTHS = [360, 480, 600];
const EMAIL_STATES = ['normal', 'pictures-blocked', 'style-removed', 'dark'];
const WEB_CASES = [[360, 'light'], [1280, 'light'], [360, 'dark'], [1280, 'dark']];
const MIME = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif' };

let n = 0;
let failed = 0;
const report = (ok, text, details = []) => {
  n++;
  if (!ok)
    failed++;
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${text}`);
  for (const line of details)
    console.log(`# ${line}`);
};

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  // Fonts and hinting as the machine has them; no GPU, no sandbox (the
  // test runs unprivileged in containers where user namespaces are off).
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none',
         '--disable-background-networking', '--disable-component-update',
         '--no-first-run', '--disable-features=Translate,MediaRouter'],
});

// A page whose requests never leave the machine. @pictures: folder to
// answer https pictures from, or null; @blockPictures: every picture fails.
async function openPage (width, dark, pictures, blockPictures) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 800, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([
    { name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' }]);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    const isPicture = request.resourceType() === 'image';
    if (isPicture && blockPictures)
      return request.abort('blockedbyclient');
    if (url.startsWith('file:') || url.startsWith('data:text/html'))
      return request.continue();
    if (isPicture && pictures !== null && /^https:/.test(url)) {
      const name = basename(new URL(url).pathname);
      const path = join(pictures, name);
      if (existsSync(path))
        return request.respond({
          status: 200,
          contentType: MIME[name.split('.').pop().toLowerCase()] ?? 'application/octet-stream',
          body: readFileSync(path),
        });
    }
    return request.abort('blockedbyclient');
  });
  return page;
}

async function measure (page) {
  return page.evaluate(() => {
    const el = document.scrollingElement;
    // The widest element, to say what overflows when something does.
    let widest = '';
    let right = 0;
    for (const e of document.body.querySelectorAll('*')) {
      const r = e.getBoundingClientRect();
      if (r.right > right + 0.5) {
        right = r.right;
        widest = `<${e.tagName.toLowerCase()}${e.className ? ` class="${e.className}"` : ''}>` +
                 ` ${(e.textContent || e.getAttribute('alt') || '').replace(/\s+/g, ' ').trim().slice(0, 40)}`;
      }
    }
    return { scrollWidth: el.scrollWidth, widest, right: Math.round(right) };
  });
}

async function runAxe (page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // The email's layout tables are presentation tables; colour contrast
    // is checked on what is drawn.
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, nodes: v.nodes.map((x) => x.target.join(' ')).slice(0, 3),
    }));
  });
  return result;
}

const widths = [];

for (const target of targets) {
  const [name, kind, file, pictures] = target.split(':');
  const html = readFileSync(file, 'utf8');
  const dir = join(artifactsDir, name);
  mkdirSync(dir, { recursive: true });

  const cases = kind === 'email'
    ? EMAIL_STATES.flatMap((state) => EMAIL_WIDTHS.map((w) => [w, state]))
    : WEB_CASES;

  for (const [width, state] of cases) {
    let url = pathToFileURL(resolve(file)).href;
    if (state === 'style-removed') {
      // Head styles only: the conditional comments for Outlook stay.
      const stripped = html.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
      const path = join(dir, 'style-removed.html');
      writeFileSync(path, stripped);
      url = pathToFileURL(resolve(path)).href;
    }
    const page = await openPage(width, state === 'dark', pictures ?? null,
                                state === 'pictures-blocked');
    await page.goto(url, { waitUntil: 'load' });
    // The web page's lazy pictures, loaded as a reader scrolling would.
    await page.evaluate(() => Promise.all([...document.images].map((img) => {
      img.loading = 'eager';
      return img.complete ? null : new Promise((done) => {
        img.addEventListener('load', done);
        img.addEventListener('error', done);
      });
    })));
    const m = await measure(page);
    const shot = join(dir, `${kind}-${width}-${state}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    await page.close();
    widths.push(`${name} ${kind} ${state} ${width}: ${m.scrollWidth}`);
    report(m.scrollWidth <= width,
           `${name}: ${kind} at ${width} px, ${state}: scrollWidth ${m.scrollWidth}`,
           m.scrollWidth <= width ? [] : [`widest: ${m.widest} (right edge ${m.right} px)`,
                                          `screenshot: ${shot}`]);
  }

  // Accessibility, as laid out at the email's full width and on a desktop.
  const page = await openPage(kind === 'email' ? 600 : 1280, false, pictures ?? null, false);
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  const violations = await runAxe(page);
  await page.close();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  report(serious.length === 0, `${name}: ${kind}: axe-core finds nothing serious or critical`,
         violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.join(', ')}`));
}

writeFileSync(join(artifactsDir, 'widths.txt'), widths.join('\n') + '\n');
await browser.close();
console.log(`1..${n}`);
process.exit(failed > 0 ? 1 : 0);

// Drives the inspector page in Debian's headless chromium while requests go through the tunnel's public
// URL. Run by InspectorBrowserIT (tunnel-local), which starts the gateway, the agent and the app:
//   node inspector.test.mjs --inspector URL --public URL [--screenshots DIR] [--chromium PATH]
// Prints one line per check; exits 0 when all hold, 1 on the first that does not, 2 without a browser.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const options = {};
for (let i = 2; i < process.argv.length; i += 2) options[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const inspector = options.inspector;
const publicUrl = options.public.replace(/\/$/, '');
const executablePath = options.chromium || process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT = 15000;

if (!existsSync(executablePath)) {
  console.error(`no chromium at ${executablePath}: install Debian's (apt-get install -y chromium); .ci/run does in CI`);
  process.exit(2);
}

function check(condition, what) {
  if (!condition) throw new Error('check failed: ' + what);
  console.log('ok - ' + what);
}

async function send(method, path, headers, body) {
  const answer = await fetch(publicUrl + path, {method, headers, body});
  await answer.arrayBuffer();
  return answer.status;
}

const rows = (page) => page.locator('#requests tbody tr');

async function rowsMatching(page, count, what) {
  await page.waitForFunction((n) => document.querySelectorAll('#requests tbody tr').length === n, count,
    {timeout: WAIT});
  check(true, what + ` (${count} rows)`);
}

async function openRow(page, pathText) {
  await page.locator('#requests tbody tr', {hasText: pathText}).first().click();
  await page.waitForFunction((text) => {
    const line = document.getElementById('request-line');
    return line && line.textContent.includes(text);
  }, pathText, {timeout: WAIT});
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const context = await browser.newContext({acceptDownloads: true, viewport: {width: 1400, height: 860}});
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(inspector);
  await page.waitForFunction(() => document.getElementById('live').textContent === 'live', null, {timeout: WAIT});
  check(true, 'the page opened its live event stream');

  // Live: each request appears without a reload.
  const json = JSON.stringify({user: {name: 'Ada', roles: ['admin', 'dev']}, active: true});
  check(await send('POST', '/echo/json', {'Content-Type': 'application/json', 'X-Trace': 'first'}, json) === 200,
    'a JSON POST went through the tunnel');
  await rowsMatching(page, 1, 'the JSON POST appeared live');
  await send('GET', '/image.png');
  await rowsMatching(page, 2, 'the image GET appeared live');
  await send('POST', '/echo/form', {'Content-Type': 'application/x-www-form-urlencoded'},
    'a=1&note=haystack-needle-42');
  await send('GET', '/missing?x=1');
  await rowsMatching(page, 4, 'all four requests appeared live');

  // Filters and the full-text search narrow the list.
  await page.selectOption('#filter-method', 'POST');
  await rowsMatching(page, 2, 'the method filter keeps the two POSTs');
  await page.selectOption('#filter-method', '');
  await page.selectOption('#filter-status', '4');
  await rowsMatching(page, 1, 'the 4xx filter keeps the 404');
  await page.selectOption('#filter-status', '');
  await page.fill('#filter-path', 'image');
  await rowsMatching(page, 1, 'the path filter keeps the image');
  await page.fill('#filter-path', '');
  await page.fill('#search', 'haystack-needle');
  await rowsMatching(page, 1, 'the body search keeps the form POST');
  check((await rows(page).first().textContent()).includes('/echo/form'), 'the search found the form POST');
  await page.fill('#search', '');
  await rowsMatching(page, 4, 'clearing the search shows all again');

  // Detail: JSON pretty-printed, form decoded, image previewed.
  await openRow(page, '/echo/json');
  const pretty = await page.locator('.body-view[data-part=request] pre.json').textContent();
  check(pretty.includes('{\n  "user": {\n    "name": "Ada"'), 'the JSON body is pretty-printed');
  // API Gateway's HTTP API hands header names on in lower case, as the gateway does.
  check(/x-trace\s*first/i.test(await page.locator('#request-headers').textContent()), 'request headers are shown');
  if (options.screenshots) {
    mkdirSync(options.screenshots, {recursive: true});
    await page.locator('#request-headers').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('request-headers').previousElementSibling.scrollIntoView());
    await page.screenshot({path: join(options.screenshots, 'inspector-detail.png')});
  }
  await openRow(page, '/echo/form');
  check((await page.locator('#request-form').textContent()).includes('haystack-needle-42'), 'the form is decoded');
  await openRow(page, '/image.png');
  await page.waitForFunction(() => {
    const img = document.querySelector('.body-view[data-part=response] img.preview');
    return img && img.complete && img.naturalWidth > 0;
  }, null, {timeout: WAIT});
  check(true, 'the image is previewed');
  await openRow(page, '/missing');
  check((await page.locator('#query-params').textContent()).includes('x'), 'query parameters are listed');

  // Replay as captured, then with an edited header: both reach the app, linked to the original.
  await openRow(page, '/echo/json');
  await page.click('#replay');
  await rowsMatching(page, 5, 'the replay appeared in the list');
  await page.waitForSelector('#compare', {timeout: WAIT});
  check((await page.locator('#compare').textContent()).includes('Original: 200'),
    'the replay is shown next to the original');
  // The oldest /echo/json row is the original (the list is newest first).
  await page.locator('#requests tbody tr', {hasText: '/echo/json'}).last().click();
  await page.waitForFunction(() => document.getElementById('compare') === null, null, {timeout: WAIT});
  await page.click('#edit-replay');
  const headers = await page.inputValue('#edit-headers');
  await page.fill('#edit-headers', headers.replace(/^(x-trace): first$/im, '$1: edited-in-the-browser'));
  await page.click('#send-edited');
  await rowsMatching(page, 6, 'the edited replay appeared in the list');
  await page.waitForFunction(() => document.getElementById('request-headers')
    && document.getElementById('request-headers').textContent.includes('edited-in-the-browser'), null, {timeout: WAIT});
  check(true, 'the edited replay carries the edited header');

  // Copy as curl.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: new URL(inspector).origin});
  await page.click('#copy-curl');
  const curl = await page.locator('#curl-command').textContent();
  check(curl.startsWith('curl -X POST') && /'x-trace: edited-in-the-browser'/i.test(curl), 'copy as curl');
  check(curl.includes("'" + publicUrl + '/'), 'copy as curl names the URL the caller used');

  // HAR of all, parsed as HAR 1.2.
  const [download] = await Promise.all([page.waitForEvent('download', {timeout: WAIT}), page.click('#har-all')]);
  const har = JSON.parse(readFileSync(await download.path(), 'utf8'));
  check(har.log && har.log.version === '1.2' && har.log.creator && Array.isArray(har.log.entries),
    'the HAR export is HAR 1.2');
  check(har.log.entries.length === 6, 'the HAR holds every request');
  for (const entry of har.log.entries) {
    for (const field of ['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']) {
      if (!(field in entry)) throw new Error('HAR entry without ' + field);
    }
    if (!/^https?:\/\//.test(entry.request.url)) throw new Error('HAR URL not absolute: ' + entry.request.url);
  }
  check(har.log.entries.some((entry) => entry.request.url === publicUrl + '/echo/form'),
    'the HAR contains the form POST, at the URL the caller used');

  // HAR of a selection.
  await page.locator('#requests tbody tr', {hasText: '/image.png'}).locator('input[type=checkbox]').check();
  const [selected] = await Promise.all([page.waitForEvent('download', {timeout: WAIT}),
    page.click('#har-selected')]);
  const one = JSON.parse(readFileSync(await selected.path(), 'utf8'));
  check(one.log.entries.length === 1 && one.log.entries[0].request.url.endsWith('/image.png'),
    'the HAR of a selection holds just it');

  // Captured text is hostile: markup in a header or a body is shown as text and never runs.
  const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  await send('POST', '/echo/hostile', {'Content-Type': 'text/html', 'X-Markup': markup}, markup);
  await rowsMatching(page, 7, 'the hostile request appeared live');
  await openRow(page, '/echo/hostile');
  check((await page.locator('#request-headers').textContent()).includes(markup), 'markup in a header is shown as text');
  check((await page.locator('.body-view[data-part=response] pre.text').textContent()) === markup,
    'markup in a body is shown as text');
  check(await page.evaluate(() => window.pwned === undefined && document.querySelectorAll('#detail img').length === 0),
    'no captured markup ran or became an element');

  // XML pretty-printed, binary as a hex view.
  await send('POST', '/echo/xml', {'Content-Type': 'application/xml'}, '<order id="7"><item>tea</item></order>');
  await send('POST', '/echo/binary', {'Content-Type': 'application/octet-stream'},
    new Uint8Array([0, 1, 2, 255, 0x41, 0x42]));
  await rowsMatching(page, 9, 'the XML and binary requests appeared live');
  await openRow(page, '/echo/xml');
  check((await page.locator('.body-view[data-part=request] pre.xml').textContent())
    === '<order id="7">\n  <item>tea</item>\n</order>', 'the XML body is pretty-printed');
  await openRow(page, '/echo/binary');
  check((await page.locator('.body-view[data-part=request] pre.hex').textContent())
    .startsWith('00000000  00 01 02 ff 41 42'), 'a binary body is shown as hex');

  await page.click('#close-detail');
  check(await page.locator('#detail-pane').isHidden(), 'the detail view closes');
  if (options.screenshots) {
    await page.screenshot({path: join(options.screenshots, 'inspector-list.png')});
  }

  check(pageErrors.length === 0, 'the page logged no errors' + (pageErrors.length ? ': ' + pageErrors : ''));
} catch (error) {
  failed = true;
  console.error('not ok - ' + error.message);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

// Browser test harness: a fresh database and a running `sgee serve` per test file, headless
// Debian Chromium driven by playwright-core, and an axe-core accessibility check.
//
// Environment:
//   SGEE_TEST_DB      sqlite (default) or postgresql
//   SGEE_TEST_PG      base URL of a PostgreSQL server for SGEE_TEST_DB=postgresql; unset: the
//                     throwaway cluster of scripts/pg-test-cluster (started if needed)
//   SGEE_BINARY       the sgee binary (default build/sgee, relative to the repository root)
//   SGEE_CHROMIUM     the Chromium binary (default /usr/bin/chromium)
//   SGEE_TEST_START_TIMEOUT  seconds to wait for the server to listen (default 30)

import { spawn, execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const execFileP = promisify(execFile);

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const DEFAULT_PG = 'postgresql://postgres@127.0.0.1:55432/postgres';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

function sgeeBinary() {
  const bin = path.resolve(repoRoot, process.env.SGEE_BINARY || 'build/sgee');
  if (!existsSync(bin)) {
    throw new Error(`sgee binary not found at ${bin}: build it with ` +
      '`cmake --build build --target sgee`, or set SGEE_BINARY');
  }
  return bin;
}

export function testEngine() {
  const engine = (process.env.SGEE_TEST_DB || 'sqlite').toLowerCase();
  if (engine !== 'sqlite' && engine !== 'postgresql') {
    throw new Error(`SGEE_TEST_DB must be sqlite or postgresql, not ${JSON.stringify(engine)}`);
  }
  return engine;
}

async function run(file, args, what, timeoutMs = 60_000) {
  try {
    return await execFileP(file, args, { timeout: timeoutMs, maxBuffer: 16 << 20 });
  } catch (err) {
    const detail = [err.stderr, err.stdout].filter(Boolean).join('\n').trim();
    throw new Error(`${what} failed (${err.killed ? 'timed out' : `exit ${err.code}`})` +
      (detail ? `:\n${detail}` : ''), { cause: err });
  }
}

async function pgBaseURL() {
  if (process.env.SGEE_TEST_PG) return process.env.SGEE_TEST_PG;
  const script = path.join(repoRoot, 'scripts/pg-test-cluster');
  if (!existsSync(script)) return DEFAULT_PG;
  const { stdout } = await run(script, [], 'scripts/pg-test-cluster', 120_000);
  return stdout.trim().split('\n').pop() || DEFAULT_PG;
}

// A fresh, empty database: { url, drop() }.
async function freshDatabase(engine, workDir) {
  if (engine === 'sqlite') {
    return { url: `sqlite:${path.join(workDir, 'sgee.db')}`, drop: async () => {} };
  }
  const base = await pgBaseURL();
  const name = `sgee_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', base, '-c', `CREATE DATABASE "${name}"`],
    `creating database ${name} on ${base}`);
  return {
    url: url.toString(),
    drop: () => run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', base, '-c',
      `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], `dropping database ${name}`),
  };
}

// Servers still running when this process exits are killed (a crashed test must not leave one).
const liveServers = new Set();
process.on('exit', () => {
  for (const child of liveServers) child.kill('SIGKILL');
});

function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

// Starts a fresh database, migrates it (and with seedDemo, loads the demo data) and runs `sgee serve` on a free loopback port.
// Returns { baseURL, engine, dbURL, accessLog, output(), stop() }. stop() is idempotent; it sends
// SIGTERM, waits for the exit, drops the database and throws if the server did not exit cleanly.
export async function startServer({ engine = testEngine(), startTimeoutMs, seedDemo = false, serveArgs = [] } = {}) {
  const bin = sgeeBinary();
  startTimeoutMs ??= 1000 * Number(process.env.SGEE_TEST_START_TIMEOUT || 30);
  const workDir = await mkdtemp(path.join(tmpdir(), 'sgee-e2e-'));
  let db;
  try {
    db = await freshDatabase(engine, workDir);
    await run(bin, ['migrate', '--db', db.url], `sgee migrate --db ${db.url}`);
    if (seedDemo) await run(bin, ['seed', '--demo', '--db', db.url], `sgee seed --demo --db ${db.url}`);
  } catch (err) {
    await db?.drop().catch(() => {});
    await rm(workDir, { recursive: true, force: true });
    throw err;
  }

  const accessLog = path.join(workDir, 'access.log');
  const child = spawn(bin, ['serve', '--db', db.url, '--listen', '127.0.0.1:0',
    '--access-log', accessLog, '--drain-timeout', '5', ...serveArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  liveServers.add(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s) => { output += s; });
  child.stderr.setEncoding('utf8');

  let stopped = null;
  const stop = () => (stopped ??= (async () => {
    const problems = [];
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      let exit = await waitForExit(child, 15_000);
      if (!exit) {
        child.kill('SIGKILL');
        exit = await waitForExit(child, 5_000);
        problems.push('sgee serve did not stop within 15 s of SIGTERM (killed)');
      } else if (exit.code !== 0) {
        problems.push(`sgee serve exited with ${exit.signal ?? `code ${exit.code}`} after SIGTERM`);
      }
    }
    liveServers.delete(child);
    try { await db.drop(); } catch (err) { problems.push(err.message); }
    await rm(workDir, { recursive: true, force: true });
    if (problems.length) throw new Error(`${problems.join('; ')}\nserver output:\n${output}`);
  })());

  let baseURL;
  try {
    baseURL = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(
        `sgee serve did not print its listening line within ${startTimeoutMs / 1000} s`)),
        startTimeoutMs);
      const onData = (s) => {
        output += s;
        const m = /listening on (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          child.stderr.off('data', onData);
          child.stderr.on('data', (t) => { output += t; });
          resolve(m[1].replace(/\/$/, ''));
        }
      };
      child.stderr.on('data', onData);
      child.once('error', (err) => { clearTimeout(timer); reject(err); });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`sgee serve exited (${signal ?? `code ${code}`}) before listening`));
      });
    });
  } catch (err) {
    await stop().catch(() => {});
    throw new Error(`${err.message}\nserver output:\n${output}`, { cause: err });
  }

  return { baseURL, engine, dbURL: db.url, accessLog, output: () => output, stop };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Headless Debian Chromium. playwright-core's launch() gives the browser a fresh temporary
// user-data dir of its own (os.tmpdir()/playwright_chromiumdev_profile-*) and removes it on close.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.SGEE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// A new, cookie-less browser context on the server, by default a Québec French-speaking user's
// browser (locale fr-CA: navigator.language and Accept-Language; headless Chromium would
// otherwise say en-US, which the server honours). bypassCSP lets axeCheck inject axe-core under
// the pages' strict Content-Security-Policy. Actions and waits time out after 15 s.
export async function newContext(browser, baseURL, options = {}) {
  const context = await browser.newContext({
    baseURL,
    bypassCSP: true,
    locale: 'fr-CA',
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

let axeSource;

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page. Throws, listing rule id, impact, help
// and target selectors, when a violation is serious or critical; returns the other violations.
export async function axeCheck(page) {
  axeSource ??= await readFile(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: axeSource });
  }
  const results = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), AXE_TAGS);
  const describe = (v) => `  - ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
    v.nodes.map((n) => `      at ${n.target.join(' ')}` +
      (n.failureSummary ? `: ${n.failureSummary.replace(/\s*\n\s*/g, ' ')}` : '')).join('\n');
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact));
  if (blocking.length) {
    throw new Error(`axe: ${blocking.length} serious or critical violation(s) on ${page.url()}:\n` +
      blocking.map(describe).join('\n'));
  }
  const minor = results.violations;
  return { minor, report: minor.map(describe).join('\n') };
}

// One test file's server and browser: started before its tests, stopped after them.
// `suite.page()` opens a page in a new, cookie-less context.
export function useSuite(serverOptions = {}) {
  const suite = {
    server: undefined,
    browser: undefined,
    async page(options = {}) {
      const context = await newContext(suite.browser, suite.server.baseURL, options);
      return context.newPage();
    },
  };
  before(async () => {
    suite.server = await startServer(serverOptions);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    try {
      await suite.browser?.close();
    } finally {
      await suite.server?.stop();
    }
  });
  return suite;
}

// The demo's TOTP keys (src/access/demo.hpp): the ministry agent and the RSE give a second factor.
export const DEMO_TOTP = {
  M0000001: 'OSF3T6ZZP7FB2ZNAMFSS2TE546EBKC2P',
  E0000001: 'FAXEY4VPJGKBAPCSBKBXQHTIRHPEPUFV',
  E0000003: 'DJMCA2IBDKDJHARG735JVQVGBWQEJ754',
  E0000004: 'JSCLFMXH3CDVHLXXJP6FPWFK5MV3XEA7',
  E0000005: 'FCXA5NIA64IKFVRGEDESMEEEDITY4WIE',
};

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${text}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

// RFC 6238 (SHA-1, 6 digits) for time step `step` (unix seconds / 30): what an authenticator
// app shows.
export function totpCode(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

// Each code works once per account; the server accepts one step either side of now. A second
// sign-in of the same account within a step uses the next step's code.
const lastStep = new Map();
export function nextTotpCode(account, secret) {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (lastStep.get(account) ?? -1) + 1);
  if (step > now + 1) throw new Error(`${account}: more than two sign-ins within 30 seconds`);
  lastStep.set(account, step);
  return totpCode(secret, step);
}

// Submits the form of `button` and waits for the page it leads to.
export async function submitAndWait(page, button) {
  await Promise.all([
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    button.click(),
  ]);
  await page.waitForLoadState('load');
}

// Signs in through the form; when the account asks for its second factor, types the code its
// authenticator app would show (`secret`, by default the demo account's key).
export async function signIn(page, login, password, secret = DEMO_TOTP[login]) {
  await page.goto('/connexion');
  await page.getByLabel("Code d'utilisateur ou courriel").fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await submitAndWait(page, page.getByRole('button', { name: 'Se connecter' }));
  if (new URL(page.url()).pathname !== '/connexion/code') return;
  if (!secret) throw new Error(`${login} asks for a second factor and no key was given`);
  await page.getByLabel('Code à 6 chiffres').fill(nextTotpCode(login, secret));
  await submitAndWait(page, page.getByRole('button', { name: 'Valider' }));
}

// The two sizes every screen is checked at: a laptop and a phone.
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

// Nothing wider than the window: no horizontal scroll. The message names the first elements
// sticking out.
export async function assertFitsWidth(page) {
  const { scroll, inner, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5).map((el) => `${el.tagName}.${el.className}#${el.id}`),
  }));
  assert.ok(scroll <= inner, `${page.url()} is ${scroll} px wide in a ${inner} px window: ${wide}`);
}

// Saves `${dir}/${name}.png` when a directory is given (by default SGEE_SCREENSHOTS; nothing
// otherwise). showFocus scrolls what has the keyboard focus into the picture first.
export async function screenshot(page, name,
  { dir = process.env.SGEE_SCREENSHOTS, fullPage = true, showFocus = false } = {}) {
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  if (showFocus) {
    await page.evaluate(() => {
      if (document.activeElement && document.activeElement !== document.body) {
        document.activeElement.scrollIntoView({ block: 'center' });
      }
    });
  }
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}

// The page at 1366 and 390 px: no horizontal scroll, axe, and screenshots `${name}-desktop` and
// `${name}-phone` (see screenshot for the options). Leaves the page at 1366 px.
export async function bothSizes(page, name, options = {}) {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `${name}-${size}`, options);
  }
  await page.setViewportSize(DESKTOP);
}

// Presses Tab until the focused element matches `target` (a CSS selector, or a function run in
// the page that says so), as a keyboard user would; throws when it never gets the focus.
export async function tabTo(page, target, limit = 200) {
  const focused = () => (typeof target === 'function' ? page.evaluate(target)
    : page.evaluate((s) => document.activeElement?.matches(s) ?? false, target));
  for (let i = 0; i < limit; i++) {
    if (await focused()) return;
    await page.keyboard.press('Tab');
  }
  if (await focused()) return;
  throw new Error(`${target} never got the focus`);
}

// The dashboard's count of unread messages (issue 15's messaging), as a number; the page is left
// on the dashboard.
export async function unreadMessages(page) {
  await page.goto('/tableau-de-bord');
  const link = page.locator('#messages').getByRole('link', { name: /messages? non lus?/ });
  return Number((await link.locator('.dashboard-count').innerText()).trim());
}

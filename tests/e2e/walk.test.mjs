// A walk of every screen of every demo role (issue 13, "done when" 2 and 3), as its user would:
// without JavaScript, with the keyboard only, at 1366×900 and at 390×844. On each page, at both
// sizes:
//   - the page answers as expected and is no wider than the screen
//     (document.documentElement.scrollWidth ≤ innerWidth);
//   - axe passes (serious and critical violations; axeCheck);
//   - Tab goes through the page: every visible control (link, button, field, summary, scrolling
//     box) is reached, each shows its focus (an outline or a shadow), in the order of the page;
//   - no internal code (`dossier_list`, `user_rights`: lowercase words joined by "_") and no
//     English word from a list of usual ones is left on the French page.
// With SGEE_SCREENSHOTS=docs/screenshots it keeps each role's dashboard and main list at both
// sizes (docs/screenshots/walk-<role>-<page>-<desktop|phone>.png); with SGEE_WALK_SHOTS=/tmp/walk
// it takes every page there; with SGEE_WALK_REPORT=/tmp/walk.json it writes what it found.
// docs/ui/walk.md holds the table of what was walked and fixed.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/walk.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { axeCheck, newContext, screenshot, signIn, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const execFileP = promisify(execFile);
const SIZES = [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]];
const report = [];
const axePages = new Map();

// A page with JavaScript on the same session as `page` (for axe).
async function axePage(page) {
  if (!axePages.has(page)) {
    const context = await newContext(suite.browser, suite.server.baseURL,
      { storageState: await page.context().storageState() });
    axePages.set(page, await context.newPage());
  }
  return axePages.get(page);
}

async function sql(statement) {
  const url = suite.server.dbURL;
  if (url.startsWith('sqlite:')) {
    const { stdout } = await execFileP('sqlite3', [url.slice('sqlite:'.length), statement]);
    return stdout.trim();
  }
  const { stdout } = await execFileP('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
  return stdout.trim();
}

// Kept screens also go to SGEE_SCREENSHOTS; every screen to SGEE_WALK_SHOTS.
async function shoot(page, role, name, size, kept) {
  const dirs = [process.env.SGEE_WALK_SHOTS, kept ? process.env.SGEE_SCREENSHOTS : undefined];
  for (const dir of dirs.filter(Boolean)) {
    await screenshot(page, `walk-${role}-${name}-${size}`, { dir, fullPage: false });
  }
}

// English words a French page should not hold (the language switch "English" aside).
// Word boundaries are letters of any script: "Noël" holds no "No".
const ENGLISH = /(?<!\p{L})(the|and|of|with|Submit|Save|Cancel|Search|Next|Previous|Back|Delete|Download|Sign in|Sign out|Dashboard|Loading|Error|Not found|Forbidden|Select|Choose|None|Yes)(?!\p{L})/u;
// An internal code: lowercase words joined by "_" (dossier_list, user_rights, consult_dossiers).
const CODE = /(?<![\p{L}\d_])[a-z]+(?:_[a-z0-9]+)+(?![\p{L}\d_])/u;

// Text checks on what a reader sees (the header, the page, the footer).
async function wording(page) {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll('[lang="en"], script, style, code.allow-code').forEach((e) => e.remove());
    return clone.innerText;
  });
  const found = [];
  const code = CODE.exec(text);
  if (code) found.push(`internal code "${code[0]}"`);
  const english = ENGLISH.exec(text);
  if (english) found.push(`English "${english[0]}" in «${text.slice(Math.max(0, english.index - 30), english.index + 30).replace(/\s+/g, ' ')}»`);
  return found;
}

// Tabs through the page from its top. Returns the controls never reached and those that showed
// no focus. Radio buttons count once per group (Tab enters a group once).
async function keyboardWalk(page) {
  const expected = await page.evaluate(() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
    const out = [];
    let n = 0;
    const groups = new Set();
    for (const el of document.querySelectorAll(selector)) {
      delete el.dataset.walk;
      if (el.disabled || el.getAttribute('tabindex') === '-1') continue;
      if (!el.checkVisibility({ checkVisibilityCSS: true, checkOpacity: false })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (el.type === 'radio') {
        if (groups.has(el.name)) { el.dataset.walk = `radio:${el.name}`; continue; }
        groups.add(el.name);
        el.dataset.walk = `radio:${el.name}`;
        out.push({ id: el.dataset.walk, what: `radio ${el.name}` });
        continue;
      }
      el.dataset.walk = String(n++);
      const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.id || el.name || '').trim().slice(0, 40);
      out.push({ id: el.dataset.walk, what: `${el.tagName.toLowerCase()} «${label}»` });
    }
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    window.scrollTo(0, 0);
    return out;
  });
  const reached = new Set();
  const unfocused = [];
  let first = null;
  for (let i = 0; i < expected.length + 20; ++i) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow && cs.boxShadow !== 'none';
      const r = el.getBoundingClientRect();
      return {
        id: el.dataset.walk ?? null,
        what: `${el.tagName.toLowerCase()} «${(el.innerText || el.value || el.id || '').trim().slice(0, 40)}»`,
        shows: outline || shadow,
        onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      };
    });
    if (!at) break;
    const key = at.id ?? at.what;
    if (key === first) break;
    first ??= key;
    if (at.id !== null) reached.add(at.id);
    if (!at.shows || !at.onScreen) unfocused.push(`${at.what}${at.shows ? '' : ' shows no focus'}${at.onScreen ? '' : ' is off screen'}`);
  }
  const unreached = expected.filter((e) => !reached.has(e.id)).map((e) => e.what);
  return { count: reached.size, unreached, unfocused: [...new Set(unfocused)] };
}

// Walks one page at both sizes; returns its problems.
async function walk(page, role, name, target, { status = 200, kept = false } = {}) {
  const problems = [];
  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    const response = await page.goto(target);
    const where = `${role} ${name} (${target}) ${size}`;
    const entry = { role, name, target, size, status: response.status(), findings: [] };
    report.push(entry);
    if (response.status() !== status) {
      entry.findings.push(`status ${response.status()}, expected ${status}`);
      problems.push(`${where}: status ${response.status()}, expected ${status}`);
      continue;
    }
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    }));
    if (scroll > inner) entry.findings.push(`${scroll} px wide in ${inner} px`);
    // axe runs asynchronously (timers), which a page without JavaScript never fires: it checks
    // the same page, with the same session, in a browser with JavaScript.
    try {
      const checked = await axePage(page);
      await checked.setViewportSize(viewport);
      await checked.goto(target);
      const { report: minor } = await axeCheck(checked);
      if (minor) entry.minor = minor;
    } catch (e) {
      entry.findings.push(e.message);
    }
    entry.findings.push(...(await wording(page)));
    await shoot(page, role, name, size, kept);
    const keys = await keyboardWalk(page);
    entry.tabStops = keys.count;
    if (keys.unreached.length) entry.findings.push(`not reached by Tab: ${keys.unreached.join(', ')}`);
    if (keys.unfocused.length) entry.findings.push(`focus not shown: ${keys.unfocused.join(', ')}`);
    for (const f of entry.findings) problems.push(`${where}: ${f}`);
  }
  return problems;
}

async function walkAll(page, role, pages) {
  let problems = [];
  for (const [name, target, options] of pages) problems = problems.concat(await walk(page, role, name, target, options));
  return problems;
}

// A page without JavaScript (the walk's condition), signed in as `login`.
async function noScriptPage(login, password) {
  const page = await suite.page({ javaScriptEnabled: false });
  if (login) await signIn(page, login, password);
  return page;
}

async function firstDossier(page, installation) {
  await page.goto(`/installations/${installation}/dossiers`);
  return page.locator('tbody tr').first().getByRole('link').first().getAttribute('href');
}

const account = [['account', '/mon-compte'], ['password', '/mot-de-passe'], ['not-found', '/nulle-part', { status: 404 }]];

after(async () => {
  if (process.env.SGEE_WALK_REPORT) await writeFile(process.env.SGEE_WALK_REPORT, JSON.stringify(report, null, 2));
});

test('anonymous: the public pages', async () => {
  const page = await noScriptPage();
  const problems = await walkAll(page, 'anonymous', [['home', '/', { kept: true }], ['sign-in', '/connexion'],
    ['register', '/inscription'], ['enrol', '/inscription-entreprise'], ['forgot', '/mot-de-passe-oublie'],
    ['resend', '/inscription/renvoyer'], ['not-found', '/nulle-part', { status: 404 }]]);
  assert.deepEqual(problems, []);
});

test('ministry agent: dashboard, register, enrolments, network, log', async () => {
  const page = await noScriptPage('M0000001', 'Ministere-demo-2026');
  const problems = await walkAll(page, 'ministry', [['dashboard', '/tableau-de-bord', { kept: true }],
    ['register', '/ministere/organisations', { kept: true }], ...account,
    ['second-factor', '/securite/deux-etapes'], ['enrolments', '/ministere/inscriptions'],
    ['new-installation', '/ministere/organisations/nouvelle?type=installation'],
    ['division', '/ministere/organisations/10000001'], ['installation', '/ministere/organisations/20000001'],
    ['bc', '/ministere/organisations/30000001'], ['rsge', '/ministere/organisations/40000001'],
    ['network', '/ministere/occupation'], ['log', '/ministere/journal'], ['forbidden', '/journal', { status: 403 }]]);
  assert.deepEqual(problems, []);
});

test('RSE: dashboard, dossiers, occupation, closing days, codes, rights, log', async () => {
  const page = await noScriptPage('E0000001', 'Rse-petits-pas-2026');
  const dossier = await firstDossier(page, '20000001');
  const staffId = await sql("SELECT id FROM users WHERE user_code = 'E0000002'");
  const problems = await walkAll(page, 'rse', [['dashboard', '/tableau-de-bord', { kept: true }],
    ['dossiers', '/installations/20000001/dossiers', { kept: true }], ...account,
    ['second-factor', '/securite/deux-etapes'], ['dossier', dossier], ['dossier-edit', `${dossier}/modifier`],
    ['dossier-new', '/installations/20000001/dossiers/nouveau'], ['child-month', `${dossier}/occupation`],
    ['occupation', '/installations/20000001/occupation'], ['closing-days', '/installations/20000001/fermetures'],
    ['cisss', '/installations/20000001/reservations-cisss'], ['codes', '/codes-acces'], ['rights', '/droits'],
    ['rights-user', `/droits/${staffId}`], ['log', '/journal'], ['forbidden', '/ministere/journal', { status: 403 }]]);
  assert.deepEqual(problems, []);
});

test('staff, consult-only then with every right on the installation', async () => {
  const page = await noScriptPage('E0000002', 'Educateur-demo-2026');
  const dossier = await firstDossier(page, '20000001');
  let problems = await walkAll(page, 'staff-consult', [['dashboard', '/tableau-de-bord', { kept: true }],
    ['dossiers', '/installations/20000001/dossiers', { kept: true }], ...account, ['dossier', dossier],
    ['child-month', `${dossier}/occupation`], ['occupation', '/installations/20000001/occupation'],
    ['closing-days', '/installations/20000001/fermetures'], ['cisss', '/installations/20000001/reservations-cisss'],
    ['forbidden', '/droits', { status: 403 }]]);
  await sql("INSERT INTO user_rights (user_id, organization_id, right_name, granted_at) SELECT u.id, o.id, r.n, '2026-01-01T00:00:00Z' FROM users u, organizations o, (SELECT 'enter_dossiers' AS n UNION SELECT 'manage_access_codes' UNION SELECT 'manage_rights') r WHERE u.user_code = 'E0000002' AND o.number = '20000001'");
  problems = problems.concat(await walkAll(page, 'staff-full', [['dashboard', '/tableau-de-bord', { kept: true }],
    ['dossiers', '/installations/20000001/dossiers', { kept: true }], ['dossier-edit', `${dossier}/modifier`],
    ['dossier-new', '/installations/20000001/dossiers/nouveau'], ['closing-days', '/installations/20000001/fermetures'],
    ['codes', '/codes-acces'], ['rights', '/droits']]));
  assert.deepEqual(problems, []);
});

test('BC: dashboard, its dossiers with their RSGE, occupation, codes, rights, log', async () => {
  const page = await noScriptPage('E0000004', 'Rse-bc-capitale-2026');
  const dossier = await firstDossier(page, '30000001');
  const problems = await walkAll(page, 'bc', [['dashboard', '/tableau-de-bord', { kept: true }],
    ['dossiers', '/installations/30000001/dossiers', { kept: true }], ...account, ['dossier', dossier],
    ['occupation', '/installations/30000001/occupation'], ['rsge-occupation', '/installations/40000001/occupation'],
    ['cisss', '/installations/30000001/reservations-cisss'], ['codes', '/codes-acces'], ['rights', '/droits'],
    ['log', '/journal']]);
  assert.deepEqual(problems, []);
});

test('RSGE: dashboard, her occupation, her authorization, rights, log', async () => {
  const page = await noScriptPage('E0000005', 'Rsge-marie-2026');
  const problems = await walkAll(page, 'rsge', [['dashboard', '/tableau-de-bord', { kept: true }],
    ['occupation', '/installations/40000001/occupation', { kept: true }], ...account,
    ['mandate', '/rsge/40000001/mandat'], ['rights', '/droits'], ['log', '/journal']]);
  assert.deepEqual(problems, []);
});

test('parent: dashboard and who consulted their children\'s file', async () => {
  const page = await noScriptPage('parent@example.test', 'Parent-demo-2026');
  const problems = await walkAll(page, 'parent', [['dashboard', '/tableau-de-bord', { kept: true }],
    ['consultations', '/mes-enfants/consultations', { kept: true }], ...account,
    ['forbidden', '/installations/20000001/dossiers', { status: 403 }]]);
  assert.deepEqual(problems, []);
});

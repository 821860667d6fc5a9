// Every page each demo role can reach, at 390×844 in Chromium: no page wider than the screen
// (document.documentElement.scrollWidth ≤ innerWidth) and axe passes; the header menu opens and
// closes as a disclosure button, without JavaScript too. With SGEE_SCREENSHOTS=docs/screenshots
// it takes each role's dashboard at both sizes and the menu open on a phone
// (docs/screenshots/nav-*.png).
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/phone_width.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { axeCheck, screenshot, signIn, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const execFileP = promisify(execFile);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

async function sql(statement) {
  const url = suite.server.dbURL;
  if (url.startsWith('sqlite:')) {
    const { stdout } = await execFileP('sqlite3', [url.slice('sqlite:'.length), statement]);
    return stdout.trim();
  }
  const { stdout } = await execFileP('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
  return stdout.trim();
}


// Opens each path and checks it; returns the problems found (all of them, to fix them at once).
async function visitAll(page, paths, who) {
  const problems = [];
  for (const [target, status = 200] of paths) {
    const response = await page.goto(target);
    if (response.status() !== status) {
      problems.push(`${who} ${target}: status ${response.status()}, expected ${status}`);
      continue;
    }
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    }));
    if (scroll > inner) problems.push(`${who} ${target}: ${scroll} px wide in ${inner} px`);
    try {
      await axeCheck(page);
    } catch (e) {
      problems.push(`${who} ${target}: ${e.message}`);
    }
  }
  return problems;
}

// The first dossier of an installation's list, and its edit page.
async function dossierPaths(page, installation) {
  await page.goto(`/installations/${installation}/dossiers`);
  const href = await page.locator('tbody tr').first().getByRole('link').first().getAttribute('href');
  return [[href], [`${href}/occupation`]];
}

async function dashboardShots(page, role) {
  await page.goto('/tableau-de-bord');
  await screenshot(page, `nav-dashboard-${role}-phone`, { fullPage: false });
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `nav-dashboard-${role}-desktop`, { fullPage: false });
  await page.setViewportSize(PHONE);
}

const common = [['/tableau-de-bord'], ['/mon-compte'], ['/mot-de-passe'], ['/nulle-part', 404]];

test('anonymous pages fit 390 px', async () => {
  const page = await suite.page({ viewport: PHONE });
  const problems = await visitAll(page, [['/'], ['/connexion'], ['/inscription'],
    ['/inscription-entreprise'], ['/mot-de-passe-oublie'], ['/nulle-part', 404]], 'anonymous');
  assert.deepEqual(problems, []);
});

test('the ministry agent\'s pages fit 390 px', async () => {
  const page = await suite.page({ viewport: PHONE });
  await signIn(page, 'M0000001', 'Ministere-demo-2026');
  await dashboardShots(page, 'ministry');
  const problems = await visitAll(page, [...common, ['/securite/deux-etapes'],
    ['/ministere/inscriptions'], ['/ministere/organisations'],
    ['/ministere/organisations/nouvelle?type=installation'],
    ['/ministere/organisations/20000001'], ['/ministere/organisations/40000001'],
    ['/ministere/occupation'], ['/ministere/journal'], ['/journal', 403]], 'ministry');
  assert.deepEqual(problems, []);
});

test('the RSE\'s pages fit 390 px; the menu is a disclosure button on a phone', async () => {
  const page = await suite.page({ viewport: PHONE });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await dashboardShots(page, 'rse');
  // The menu: closed on a phone, opened by its button (keyboard), its entries then visible.
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  const codes = menu.getByRole('link', { name: "Codes d'accès" });
  assert.equal(await codes.isVisible(), false);
  await page.locator('.site-menu > summary').focus();
  await page.keyboard.press('Enter');
  await codes.waitFor({ state: 'visible' });
  await screenshot(page, 'nav-menu-open-phone', { fullPage: false });
  await axeCheck(page);
  const staffId = await sql("SELECT id FROM users WHERE user_code = 'E0000002'");
  const problems = await visitAll(page, [...common, ['/securite/deux-etapes'],
    ...(await dossierPaths(page, '20000001')),
    ['/installations/20000001/dossiers'], ['/installations/20000001/dossiers/nouveau'],
    ['/installations/20000001/occupation'], ['/installations/20000001/fermetures'],
    ['/installations/20000001/reservations-cisss'], ['/codes-acces'], ['/droits'],
    [`/droits/${staffId}`], ['/journal'], ['/ministere/journal', 403]], 'rse');
  assert.deepEqual(problems, []);
});

test('consult-only and full staff pages fit 390 px', async () => {
  const page = await suite.page({ viewport: PHONE });
  await signIn(page, 'E0000002', 'Educateur-demo-2026');
  await dashboardShots(page, 'staff');
  let problems = await visitAll(page, [...common, ...(await dossierPaths(page, '20000001')),
    ['/installations/20000001/dossiers'], ['/installations/20000001/occupation'],
    ['/installations/20000001/fermetures'], ['/installations/20000001/reservations-cisss'],
    ['/droits', 403], ['/codes-acces', 403]], 'staff consult-only');
  // The same member with every right on the installation.
  await sql("INSERT INTO user_rights (user_id, organization_id, right_name, granted_at) SELECT u.id, o.id, r.n, '2026-01-01T00:00:00Z' FROM users u, organizations o, (SELECT 'enter_dossiers' AS n UNION SELECT 'manage_access_codes' UNION SELECT 'manage_rights') r WHERE u.user_code = 'E0000002' AND o.number = '20000001'");
  const [detail] = await dossierPaths(page, '20000001');
  problems = problems.concat(await visitAll(page, [['/tableau-de-bord'], detail,
    [`${detail[0]}/modifier`], ['/installations/20000001/dossiers/nouveau'], ['/codes-acces'],
    ['/droits']], 'staff full'));
  assert.deepEqual(problems, []);
});

test('a BC\'s and an RSGE\'s pages fit 390 px', async () => {
  const bc = await suite.page({ viewport: PHONE });
  await signIn(bc, 'E0000004', 'Rse-bc-capitale-2026');
  await dashboardShots(bc, 'bc');
  let problems = await visitAll(bc, [...common, ...(await dossierPaths(bc, '30000001')),
    ['/installations/30000001/dossiers'], ['/installations/30000001/occupation'],
    ['/installations/40000001/occupation'], ['/installations/30000001/reservations-cisss'],
    ['/codes-acces'], ['/droits'], ['/journal']], 'bc');
  const rsge = await suite.page({ viewport: PHONE });
  await signIn(rsge, 'E0000005', 'Rsge-marie-2026');
  await dashboardShots(rsge, 'rsge');
  problems = problems.concat(await visitAll(rsge, [...common,
    ['/installations/40000001/occupation'], ['/rsge/40000001/mandat'], ['/droits'],
    ['/journal']], 'rsge'));
  assert.deepEqual(problems, []);
});

test('the parent\'s pages fit 390 px', async () => {
  const page = await suite.page({ viewport: PHONE });
  await signIn(page, 'parent@example.test', 'Parent-demo-2026');
  await dashboardShots(page, 'parent');
  const problems = await visitAll(page, [...common, ['/mes-enfants/consultations'],
    ['/installations/20000001/dossiers', 403]], 'parent');
  assert.deepEqual(problems, []);
});

test('without JavaScript the phone menu opens and the desktop menu is a plain bar', async () => {
  const page = await suite.page({ viewport: PHONE, javaScriptEnabled: false });
  await signIn(page, 'E0000002', 'Educateur-demo-2026');
  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  const dash = menu.getByRole('link', { name: 'Tableau de bord' });
  assert.equal(await dash.isVisible(), false);
  await page.locator('.site-menu > summary').click();
  await dash.waitFor({ state: 'visible' });
  await page.setViewportSize(DESKTOP);
  await page.goto('/tableau-de-bord');
  assert.equal(await page.locator('.site-menu > summary').isVisible(), false);
  assert.equal(await dash.isVisible(), true);
  assert.equal(await dash.getAttribute('aria-current'), 'page');
});

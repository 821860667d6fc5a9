// The audit log in a real browser, on the demo data: after staff and a provider's software (a
// sync access code) consulted dossiers, the RSE's log shows labels, never an internal action or
// record-type code, at 1366×900 and at 390×844 (no page wider than the screen), in French and in
// English; the parent's page reads in sentences. With SGEE_SCREENSHOTS=docs/screenshots it takes docs/screenshots/audit-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/audit.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { assertFitsWidth, axeCheck, repoRoot, screenshot, signIn, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const execFileP = promisify(execFile);

// Every action and record type the code writes (grep `.action =`, `.record_type =`, audit_read),
// as they are stored: none may reach the page's text.
const INTERNAL_CODES = ['dossier_list', 'user_rights', 'closing_days', 'cisss_reservations',
  'occupation_report', 'occupation_network', 'access_code', 'bc_mandate',
  'second_factor_on', 'second_factor_off', 'reset_second_factor', 'enrol_attempt', 'rse_replaced',
  'nirec_added', 'audit_log', 'audit.action', 'audit.type'];
const SINGLE_WORD_ACTIONS = ['enrolment', 'dossier', 'user', 'read', 'create', 'update', 'delete', 'grant', 'revoke', 'activate',
  'refuse', 'export'];
const SIZES = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];

// Runs one SQL statement on the test's database (the same SQL on both engines).
async function sql(statement) {
  const url = suite.server.dbURL;
  if (url.startsWith('sqlite:')) await execFileP('sqlite3', [url.slice('sqlite:'.length), statement]);
  else await execFileP('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
}

// Only when asked (SGEE_SCREENSHOTS=docs/screenshots, say): a test run leaves the tree as it was.


async function assertNoInternalCode(page) {
  const text = await page.locator('body').innerText();
  for (const code of INTERNAL_CODES) assert.ok(!text.includes(code), `${code} on ${page.url()}`);
  // One-word codes as whole cells (the labels are capitalized phrases).
  const cells = await page.locator('tbody td').allInnerTexts();
  for (const cell of cells) {
    for (const code of SINGLE_WORD_ACTIONS) assert.notEqual(cell.trim(), code, page.url());
  }
}

test('staff and a sync code consult dossiers; the RSE reads the log in labels, at both sizes', async () => {
  // Staff open the dossier list and a dossier: two reads in the log.
  const staff = await suite.page();
  await signIn(staff, 'E0000002', 'Educateur-demo-2026');
  await staff.goto('/installations/20000001/dossiers');
  const first = staff.locator('tbody tr').first().getByRole('link');
  const href = await first.getAttribute('href');
  const ref = href.split('/').pop();
  await first.click();
  await staff.getByRole('heading', { level: 2, name: 'Ententes de services' }).waitFor();

  // A provider's software reads the same dossier with its access code.
  const bin = path.resolve(repoRoot, process.env.SGEE_BINARY || 'build/sgee');
  const { stdout } = await execFileP(bin, ['access-code', 'issue', '--installation', '20000001',
    '--label', 'Logiciel Gestion Plus', '--db', suite.server.dbURL]);
  const code = stdout.split('\n')[0].trim();
  const api = await fetch(`${suite.server.baseURL}/api/v1/installations/20000001/dossiers/${ref}`,
    { headers: { Authorization: `Bearer ${code}` } });
  assert.equal(api.status, 200);

  // One sign-in (each TOTP code works once), the page seen at both sizes.
  const page = await suite.page({ viewport: SIZES[0] });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto('/journal');
    await page.getByRole('heading', { level: 1, name: 'Journal des accès' }).waitFor();
    await assertNoInternalCode(page);
    const text = await page.locator('body').innerText();
    assert.match(text, /Liste des dossiers/);
    assert.match(text, /Dossier d'enfant/);
    assert.match(text, /Logiciel Gestion Plus — CPE Les Petits Pas — Limoilou/);
    assert.match(text, /Marc Lavoie \(E0000002\)/);
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}T\d{2}:/, 'no UTC ISO times');
    // The dossier's row links to the dossier, which the RSE may open.
    const link = page.locator(`a[href="/installations/20000001/dossiers/${ref}"]`).first();
    await link.waitFor();
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `audit-journal-${size.width}`, { fullPage: false });
    if (size.width < 400) {  // on a phone, the table (which scrolls in its own box) is below
      await page.locator('.audit-scroll').scrollIntoViewIfNeeded();
      await screenshot(page, `audit-journal-${size.width}-table`, { fullPage: false });
    }
    // The record type select, filtered to the dossier list's reads.
    await page.getByLabel("Type d'enregistrement").selectOption({ label: 'Liste des dossiers' });
    await Promise.all([page.waitForURL(/type=dossier_list/),
      page.getByRole('button', { name: 'Rechercher' }).click()]);
    const cells = await page.locator('tbody tr td:nth-child(5)').allInnerTexts();
    assert.ok(cells.length >= 1);
    for (const c of cells) assert.match(c, /^Liste des dossiers/);
    await assertNoInternalCode(page);
    await assertFitsWidth(page);
  }

  // In English, the same log has English labels.
  const en = page;
  await en.setViewportSize(SIZES[0]);
  await en.goto('/journal?lang=en');
  await en.getByRole('heading', { level: 1, name: 'Access log' }).waitFor();
  await assertNoInternalCode(en);
  const text = await en.locator('body').innerText();
  assert.match(text, /Child's dossier/);
  assert.match(text, /Synchronization access code/);
  await axeCheck(en);
  await en.context().close();
});

test('the ministry agent\'s log has no internal code and fits a phone', async () => {
  const page = await suite.page({ viewport: SIZES[0] });
  await signIn(page, 'M0000001', 'Ministere-demo-2026');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto('/ministere/journal');
    await page.getByRole('heading', { level: 1, name: 'Journal des accès' }).waitFor();
    await assertNoInternalCode(page);
    await assertFitsWidth(page);
    await axeCheck(page);
  }
  await page.context().close();
});

test('the parent\'s page of who consulted their children fits both sizes', async () => {
  // Reads of the parent's child's dossier by staff, the ministry and a provider's software (the
  // registry does not link dossiers to parent accounts yet: the rows are written as it will).
  const parent = "(SELECT id FROM users WHERE email = 'parent@example.test')";
  const inst = "(SELECT id FROM organizations WHERE number = '20000001')";
  await sql(`INSERT INTO audit_log (at, user_id, organization_id, action, record_type, record_id,
    subject_user_id) VALUES
    ('2026-11-23T20:19:25Z', (SELECT id FROM users WHERE user_code = 'E0000002'), ${inst}, 'read',
     'dossier', '10000060', ${parent}),
    ('2026-11-24T14:02:00Z', (SELECT id FROM users WHERE user_code = 'M0000001'), NULL, 'read',
     'dossier', '10000060', ${parent}),
    ('2026-11-25T13:45:00Z', (SELECT id FROM users WHERE user_code = 'E0000001'), ${inst},
     'update', 'dossier', '10000060', ${parent})`);
  for (const size of SIZES) {
    const page = await suite.page({ viewport: size });
    await signIn(page, 'parent@example.test', 'Parent-demo-2026');
    await page.goto('/mes-enfants/consultations');
    await page.getByRole('heading', { level: 1, name: 'Qui a consulté le dossier de mes enfants' })
      .waitFor();
    assert.equal(await page.locator('table').count(), 0, 'sentences, not the staff table');
    const text = await page.locator('main').innerText();
    assert.match(text, /2026-11-23 15 h 19/);
    assert.match(text, /Marc Lavoie, membre du personnel — CPE Les Petits Pas — Limoilou/);
    assert.match(text, /Un agent du ministère de la Famille/);
    assert.match(text, /a modifié le dossier de votre enfant\./);
    await assertNoInternalCode(page);
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `audit-consultations-${size.width}`, { fullPage: false });
    await page.context().close();
  }
});

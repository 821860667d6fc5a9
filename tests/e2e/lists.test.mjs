// The lists in a real browser, on the demo data and three children sent by a provider's software:
// the dossier list puts "Bélanger" before "Boucher", finds "Arthur Beaulieu" and "beaulieu arthur"
// alike, sorts by a column header from the keyboard (and without JavaScript), pages with its total
// and fits a 390 px screen (the table scrolls in its own box); the register and the staff list
// too. Every screen passes axe. With SGEE_SCREENSHOTS=docs/screenshots it takes
// docs/screenshots/lists-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/lists.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  assertFitsWidth, axeCheck, repoRoot, screenshot, signIn, submitAndWait, useSuite,
} from './harness.mjs';

const execFileP = promisify(execFile);
const suite = useSuite({ seedDemo: true });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

const CHILDREN = [
  ['L-1', 'Boucher', 'Léa', '2023-01-05'],
  ['L-2', 'Bélanger', 'Zoé', '2022-06-10'],
  ['L-3', 'Beaulieu', 'Arthur', '2022-09-09'],
];

// The three children, through the sync API with an access code issued by `sgee access-code`;
// once, by the first test (the suite's server starts in its own before hook).
let sent;
const sendChildren = () => (sent ??= (async () => {
  const bin = path.resolve(repoRoot, process.env.SGEE_BINARY || 'build/sgee');
  const { stdout } = await execFileP(bin, ['access-code', 'issue', '--installation', '20000001',
    '--db', suite.server.dbURL]);
  const code = stdout.split('\n')[0].trim();
  const dossiers = CHILDREN.map(([ref, surname, given, birth]) => ({
    ref, rsge: null,
    child: { surname, given_name: given, sex: 'F', birth_date: birth, born_outside_quebec: true, nirec: null, necsg: null },
    guardian: { surname: 'Testlistes', given_name: 'Marie', role: 'mother',
      address: { civic_number: '1', civic_suffix: null, street: 'rue des Patriotes', apartment: null,
        municipality: 'Québec', postal_code: 'G1R 0A0' } },
    other_guardian: null, parent: null,
    age_brackets: [{ bracket: '0-17', start: birth }],
    cisss_periods: [], ecp_periods: [], handicap_periods: [],
    agreements: [{ ref: 'A1', start: '2025-09-01', end: '2026-08-31', termination: null,
      reduced_contribution: true, replacement: false, signed: true,
      schedule: { weeks: 1, days: ['AM PM', 'AM PM', 'AM PM', 'AM PM', 'AM PM', '', ''] },
      special_schedules: [] }],
  }));
  const res = await fetch(`${suite.server.baseURL}/api/v1/installations/20000001/dossiers/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${code}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ dossiers }),
  });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  for (const r of body.results) assert.notEqual(r.status, 'rejected', JSON.stringify(r));
})());



// Accents and case folded, as the lists' sort key does.
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const rowNames = (page) => page.locator('tbody tr td:first-child a').allInnerTexts();

async function search(page, q) {
  await page.getByLabel('Rechercher').fill(q);
  await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
  return rowNames(page);
}

test('the dossier list: French order, words in any order, a header sorts from the keyboard', async () => {
  await sendChildren();
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/installations/20000001/dossiers');
  await page.getByRole('heading', { level: 1, name: 'Dossiers parent-enfant' }).waitFor();
  await page.getByText(/^1–50 sur \d+$/).waitFor();
  await axeCheck(page);
  await screenshot(page, 'lists-dossiers-desktop', { fullPage: false });

  const mine = (await search(page, 'testlistes')).map((n) => n.split(' (')[0]);
  assert.deepEqual(mine, ['Beaulieu, Arthur', 'Bélanger, Zoé', 'Boucher, Léa']);
  const a = await search(page, 'Arthur Beaulieu');
  const b = await search(page, 'beaulieu arthur');
  assert.ok(a.includes('Beaulieu, Arthur'), a.join(' | '));
  assert.deepEqual(b, a);

  // Sort by birth date with the keyboard: the header link, then Enter; again for descending.
  await search(page, 'testlistes');
  const header = page.getByRole('columnheader', { name: /Date de naissance/ });
  await header.getByRole('link').focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await rowNames(page), ['Bélanger, Zoé', 'Beaulieu, Arthur', 'Boucher, Léa']);
  assert.equal(await page.getByLabel('Rechercher').inputValue(), 'testlistes', 'the search stays');
  await header.getByRole('link').focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await rowNames(page), ['Boucher, Léa', 'Beaulieu, Arthur', 'Bélanger, Zoé']);
  await axeCheck(page);

  // The whole list on page 1, in French order: no "Boucher" before a "Bélanger".
  await page.goto('/installations/20000001/dossiers?tri=nom');
  const names = await rowNames(page);
  for (let i = 1; i < names.length; i++) {
    const [s0, g0] = names[i - 1].split(', ').map(fold);
    const [s1, g1] = names[i].split(', ').map(fold);
    assert.ok(s0 < s1 || (s0 === s1 && g0 <= g1), `${names[i - 1]} before ${names[i]}`);
  }
  // At 390 px: the page fits, the table scrolls inside its own box.
  await page.setViewportSize(PHONE);
  await page.getByRole('region', { name: 'Dossiers parent-enfant' }).waitFor();
  await assertFitsWidth(page);
  await axeCheck(page);
  await screenshot(page, 'lists-dossiers-phone', { fullPage: false });
});

test('at 390 px the list fits, its table scrolls in its own box; without JavaScript it sorts and pages', async () => {
  const page = await suite.page({ viewport: PHONE, javaScriptEnabled: false });
  await signIn(page, 'E0000002', 'Educateur-demo-2026');
  await page.goto('/installations/20000001/dossiers');
  await page.getByRole('region', { name: 'Dossiers parent-enfant' }).waitFor();
  await assertFitsWidth(page);
  await page.getByRole('columnheader', { name: /NIREC ou NECSG/ }).getByRole('link').click();
  assert.equal(await page.getByRole('columnheader', { name: /NIREC ou NECSG/ }).getAttribute('aria-sort'), 'ascending');
  await page.getByRole('navigation', { name: 'Pages de la liste' }).getByRole('link', { name: 'Suivante ›' }).click();
  await page.getByText(/^51–\d+ sur \d+$/).waitFor();
  assert.match(page.url(), /tri=numero&sens=asc&page=2/);
  await assertFitsWidth(page);
});

test('the register: by name in French order, "Rattachée à" by name, at both sizes', async () => {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const page = await suite.page({ viewport });
    await signIn(page, 'M0000001', 'Ministere-demo-2026');
    await page.goto('/ministere/organisations?type=installation');
    await page.getByRole('heading', { level: 1, name: 'Registre des organisations' }).waitFor();
    const header = page.getByRole('columnheader', { name: /^Nom/ });
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    // The name is the first column and the link (the number beside it, issue 13).
    const names = (await page.locator('tbody tr td:nth-child(1)').allInnerTexts()).map(fold);
    assert.ok(await page.locator('tbody tr td:nth-child(1) a').count() > 0);
    for (let i = 1; i < names.length; i++) assert.ok(names[i - 1] <= names[i], `${names[i - 1]} before ${names[i]}`);
    // An installation's division by name.
    const parent = await page.locator('tbody tr td:nth-child(4)').first().innerText();
    assert.match(parent, /\S+ .*\(\d{8}\)$/);
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `lists-register-${size}`, { fullPage: false });
  }
});

test('the staff list says which rights each person holds', async () => {
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/droits');
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    const cell = page.getByRole('row', { name: /E0000002/ }).getByRole('cell').nth(2);
    assert.match(await cell.innerText(), /Consulter les dossiers/);
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `lists-staff-${size}`, { fullPage: false });
  }
});

// The bureau coordonnateur in a real browser (issue 15, POR-06, seed 001): its dashboard counts
// its RSGE by adhesion state and the admissions to confirm; from there it finds an admission by
// the child's name typed without accents and confirms it with the keyboard; its RSGE registry
// shows a suspended RSGE and refuses a bad suspension naming the field. axe on every page, at
// 1366 and 390 px. With SGEE_SCREENSHOTS=docs/screenshots it takes docs/screenshots/bc-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/bc.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertFitsWidth, axeCheck, screenshot, signIn, submitAndWait, useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const BC = '30000001';



test('the BC sees its counts, finds an admission by the child\'s name and confirms it', async () => {
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000004', 'Rse-bc-capitale-2026');
  await page.goto('/tableau-de-bord');
  const section = page.locator(`#bc-${BC}`);
  await section.getByRole('heading', { level: 2, name: /Bureau coordonnateur de la Capitale/ }).waitFor();
  const count = async (name) => (await section.getByRole('link', { name }).locator('.dashboard-count').innerText()).trim();
  assert.equal(await count(/admissions à confirmer/), '1');
  assert.equal(await count(/RSGE avec fiche publiée/), '1');
  assert.equal(await count(/RSGE sans fiche commencée/), '1');
  assert.equal(await count(/RSGE avec fiche non publiée/), '0');
  await axeCheck(page);
  await screenshot(page, 'bc-dashboard');

  // The count leads to the filtered registry.
  await submitAndWait(page, section.getByRole('link', { name: /RSGE sans fiche commencée/ }));
  assert.match(new URL(page.url()).search, /etat=jamais/);
  await page.locator('tr[data-number="40000002"]').getByRole('link', { name: 'Service de garde Karine Roy', exact: true }).waitFor();
  assert.equal(await page.locator('tr[data-number="40000001"]').count(), 0);
  await axeCheck(page);

  // "Confirmer une admission": the child's name typed without accents or capitals, by keyboard.
  await page.goto('/tableau-de-bord');
  await submitAndWait(page, section.getByRole('link', { name: /admissions à confirmer/ }));
  await page.getByRole('heading', { level: 1, name: 'Confirmer une admission' }).waitFor();
  await page.getByLabel("Nom de l'enfant ou de la RSGE").focus();
  await page.keyboard.type('alice morin');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const row = page.locator('tr[data-admission]');
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /Alice Morin/);
  assert.match(await row.innerText(), /Service de garde Marie Tremblay/);
  await axeCheck(page);
  await screenshot(page, 'bc-admissions');
  const confirm = row.getByRole('button', { name: /Confirmer l'admission/ });
  await confirm.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.locator('#confirmed-notice').waitFor();
  assert.match(await page.locator('#confirmed-notice').innerText(), /L'admission est confirmée/);
  assert.equal(await page.locator('tr[data-admission]').count(), 0);
  await axeCheck(page);
  // Among the confirmed ones, with who confirmed it; the dashboard's count went down.
  await submitAndWait(page, page.getByRole('link', { name: /Confirmées/ }));
  assert.match(await page.locator('tr[data-admission]').innerText(), /Louise Bouchard/);
  await page.goto('/tableau-de-bord');
  assert.equal(await count(/admissions à confirmer/), '0');
});

test('on a phone, the BC reads its registry, a suspended RSGE and a refused suspension', async () => {
  const page = await suite.page({ viewport: PHONE });
  await signIn(page, 'E0000004', 'Rse-bc-capitale-2026');
  await page.goto('/adhesion-rsge?statut=suspendue');
  await assertFitsWidth(page);
  await axeCheck(page);
  await submitAndWait(page, page.locator('tr[data-number="40000002"]').getByRole('link', { name: 'Service de garde Karine Roy', exact: true }));
  await page.getByRole('heading', { level: 1, name: /Service de garde Karine Roy/ }).waitFor();
  assert.match(await page.locator('#suspended-notice').innerText(), /pas sur la carte publique/);
  assert.match(await page.locator('#recognition-status').innerText(), /Reconnue/);
  await assertFitsWidth(page);
  await axeCheck(page);
  await screenshot(page, 'bc-rsge');
  // A suspension with a reason missing and 90 days: each field says what it takes; typed values stay.
  await page.getByLabel('Début').fill('2030-01-10');
  await page.getByLabel('Jours avant son retour où elle revient sur la carte').fill('90');
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer la suspension' }));
  const summary = page.locator('#form-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Motif : indiquez le motif/);
  assert.match(await summary.innerText(), /entrez un nombre entier de 0 à 60/);
  assert.equal(await page.getByLabel('Début').inputValue(), '2030-01-10');
  await assertFitsWidth(page);
  await axeCheck(page);
  await page.goto(`/bc/${BC}/admissions?etat=confirmees`);
  await assertFitsWidth(page);
  await axeCheck(page);
});

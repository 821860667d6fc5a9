// The registry's pages in a real browser, on the demo data: the RSE finds a child's dossier by
// searching the list, opens it (agreements and schedule grid), and fills the year's closing days
// with Québec's holidays in one click, and adds a CISSS reservation. Every screen passes axe.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });

test('the RSE searches the dossiers and opens one', async () => {
  const page = await suite.page();
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.getByRole('link', { name: 'Dossiers — CPE Les Petits Pas — Limoilou' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dossiers parent-enfant' }).waitFor();
  const total = Number((await page.locator('#dossier-count').innerText()).split(' ')[0]);
  assert.ok(total > 50, `demo dossiers: ${total}`);
  await axeCheck(page);
  // The first child of the list, found again by a search on its given name.
  const first = page.locator('tbody tr').first().getByRole('link');
  const name = await first.innerText();
  const given = name.split(', ')[1];
  await page.getByLabel('Rechercher').fill(given);
  await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
  const found = Number((await page.locator('#dossier-count').innerText()).split(' ')[0]);
  assert.ok(found >= 1 && found < total, `${found} of ${total}`);
  await page.getByRole('link', { name }).first().click();
  await page.getByRole('heading', { level: 2, name: 'Ententes de services' }).waitFor();
  await page.getByRole('rowheader', { name: 'Jour P1' }).first().waitFor();
  await axeCheck(page);
});

test('the RSE imports the holidays into the closing days, then adds a CISSS reservation', async () => {
  const page = await suite.page();
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/installations/20000001/fermetures?annee=2027');
  await page.getByRole('heading', { level: 1, name: 'Jours de fermeture 2027' }).waitFor();
  await axeCheck(page);
  await submitAndWait(page, page.getByRole('button', { name: 'Importer les jours fériés du Québec' }));
  await page.getByRole('status').getByText('Les jours de fermeture sont enregistrés.').waitFor();
  assert.equal(await page.locator('#closing-days tbody tr').count(), 9);
  await page.getByRole('cell', { name: '2027-03-26', exact: true }).waitFor(); // Good Friday 2027
  await page.getByLabel('Date').fill('2027-08-02');
  await page.getByLabel('Raison').selectOption('strike');
  await submitAndWait(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
  assert.equal(await page.locator('#closing-days tbody tr').count(), 10);
  await axeCheck(page);
  // The CISSS reservations, from the dossier list.
  await page.goto('/installations/20000001/dossiers');
  await page.getByRole('link', { name: 'Réservations de places CISSS/CIUSSS' }).click();
  await page.getByRole('heading', { level: 1, name: 'Réservations de places CISSS/CIUSSS' }).waitFor();
  await axeCheck(page);
  const rows = async () => page.locator('#cisss-reservations tbody tr').count();
  const before = await rows();
  await page.getByLabel('Début').fill('2026-09-01');
  await page.getByLabel('Fin').fill('2026-08-01');
  await submitAndWait(page, page.getByRole('button', { name: 'Ajouter la réservation' }));
  await page.getByRole('alert').getByText(/CSG111E/).waitFor();
  await page.getByLabel('Fin').fill('2027-06-30');
  await page.getByLabel('Places').fill('3');
  await page.getByLabel("Tranche d'âge").selectOption('18-59');
  await submitAndWait(page, page.getByRole('button', { name: 'Ajouter la réservation' }));
  await page.getByRole('status').getByText('Les réservations sont enregistrées.').waitFor();
  assert.equal(await rows(), before + 1);
  await page.getByRole('cell', { name: '2027-06-30', exact: true }).waitFor();
  await axeCheck(page);
});

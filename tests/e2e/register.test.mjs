// The ministry's register of organizations in a real browser: an agent adds a division (after
// fixing what the form refuses), then an installation from the division's page, and finds it.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, signIn, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });

test('an agent adds a division and its installation; every screen passes axe', async () => {
  const page = await suite.page();
  await signIn(page, 'M0000001', 'Ministere-demo-2026');
  await page.getByRole('link', { name: 'Registre des organisations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Registre des organisations' }).waitFor();
  await page.getByRole('cell', { name: 'CPE Les Petits Pas — Limoilou' }).waitFor();
  await axeCheck(page);

  await page.getByRole('link', { name: 'Ajouter une division' }).click();
  await page.getByLabel('Numéro', { exact: true }).fill('1000009');
  await page.getByLabel('Nom', { exact: true }).fill('CPE Les Hirondelles');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('alert').waitFor();
  await page.locator('#number-error').getByText('(ORG002E)').waitFor();
  await page.locator('#legal_form-error').getByText('(ORG005E)').waitFor();
  assert.equal(await page.getByLabel('Nom', { exact: true }).inputValue(), 'CPE Les Hirondelles');
  await axeCheck(page);
  await page.getByLabel('Numéro', { exact: true }).fill('10000009');
  await page.getByLabel("Type d'entité juridique").selectOption('nonprofit');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL('**/ministere/organisations/10000009?ajout=1');
  await page.getByText("L'organisation a été ajoutée.").waitFor();
  await axeCheck(page);

  await page.getByRole('link', { name: 'Ajouter une installation' }).click();
  assert.equal(await page.getByLabel('Numéro de la division').inputValue(), '10000009');
  await page.getByLabel('Numéro', { exact: true }).fill('20000099');
  await page.getByLabel('Nom', { exact: true }).fill('CPE Les Hirondelles — Vanier');
  await page.getByLabel("Type d'installation").selectOption('CPE');
  await page.getByLabel('Places poupons (0 à 17 mois)').fill('10');
  await page.getByLabel('Places 18 à 59 mois').fill('52');
  await page.getByLabel('Code postal').fill('G1M 2R2');
  await axeCheck(page);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL('**/ministere/organisations/20000099?ajout=1');
  await page.getByText('10 / 52 / 0').waitFor();

  await page.goto('/ministere/organisations?q=hirondelles');
  await page.getByRole('cell', { name: 'CPE Les Hirondelles — Vanier' }).waitFor();
  assert.equal(await page.getByRole('cell', { name: 'CPE Les Petits Pas — Limoilou' }).count(), 0);
});

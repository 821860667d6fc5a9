// The réserve de clientèle in a real browser (issue 15, POR-03): the RSGE sees her réserve in
// rank order with names, filters it to siblings, opens a child's request with the parents'
// contact and exports the filtered list; the CPE sees no names, confirms with the keyboard that
// a parent works there and the child moves first; the parent sees who consulted the child's
// file. axe on every page, 1366 and 390 px. With SGEE_SCREENSHOTS=docs/screenshots it takes
// docs/screenshots/reserve-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/reserve.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertFitsWidth, axeCheck, screenshot, signIn, submitAndWait, tabTo, useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };




const rows = (page) => page.locator('table.reserve-table tbody tr');

test('the RSGE lists her réserve, filters siblings, opens a request and exports', async () => {
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000005', 'Rsge-marie-2026');
  await page.goto('/tableau-de-bord');
  await submitAndWait(page, page.getByRole('link', { name: /Réserve de clientèle/ }).first());
  await page.getByRole('heading', { level: 1, name: 'Réserve de clientèle' }).waitFor();
  assert.equal(await rows(page).count(), 10);
  // Rank order: the longest wait since the desired date first.
  assert.match(await rows(page).first().innerText(), /Thomas Lévesque/);
  assert.match(await page.locator('#reserve-count').innerText(), /^10 enfant/);
  await axeCheck(page);
  await screenshot(page, 'reserve-list-desktop');

  // Siblings only, with the plain form.
  await page.getByLabel('Seulement les enfants avec un frère ou une sœur dans la réserve').check();
  await submitAndWait(page, page.getByRole('button', { name: 'Filtrer' }));
  assert.equal(await rows(page).count(), 2);
  const text = await page.locator('table.reserve-table').innerText();
  assert.match(text, /Zoé Roy/);
  assert.match(text, /Léo Roy/);
  await axeCheck(page);

  // The export keeps the filter.
  const href = await page.getByRole('link', { name: 'Exporter cette liste en CSV' }).getAttribute('href');
  assert.match(href, /\/reserve\/export\?fratrie=1$/);
  const csv = await page.request.get(href);
  assert.equal(csv.status(), 200);
  const body = await csv.text();
  assert.match(body, /Zoé Roy/);
  assert.equal(body.trim().split('\n').length, 3);

  // The detail: the whole request and the parents' contact.
  await submitAndWait(page, page.getByRole('link', { name: 'Zoé Roy' }));
  await page.getByRole('heading', { level: 1, name: /Zoé Roy/ }).waitFor();
  assert.match(await page.locator('#contact').innerText(), /Mélanie Roy/);
  assert.match(await page.locator('#request').innerText(), /accepte une place de remplacement/);
  assert.ok(await page.getByRole('link', { name: 'Admettre cet enfant' }).isVisible());
  await axeCheck(page);
  await screenshot(page, 'reserve-detail-desktop');
});

test('the CPE sees no names and confirms with the keyboard that a parent works there', async () => {
  const page = await suite.page({ viewport: PHONE });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/installations/20000001/reserve');
  await page.getByRole('heading', { level: 1, name: 'Réserve de clientèle' }).waitFor();
  assert.equal(await rows(page).count(), 11);
  const table = await page.locator('table.reserve-table').innerText();
  assert.doesNotMatch(table, /Emma|Thomas|Zoé/);
  assert.match(table, /Identité non communiquée/);
  await assertFitsWidth(page);
  await axeCheck(page);
  await screenshot(page, 'reserve-list-phone');

  // The second row (Emma, whose parent says she works here): open it.
  await submitAndWait(page, rows(page).nth(1).getByRole('link'));
  assert.equal(await page.locator('#position').innerText(), '2');
  assert.equal(await page.locator('#contact').count(), 0, 'no contact before a referral');
  await assertFitsWidth(page);
  await axeCheck(page);
  await tabTo(page, () => document.activeElement?.textContent === 'Confirmer que le parent travaille ici');
  await Promise.all([page.waitForURL('**?confirme=1'), page.keyboard.press('Enter')]);
  await page.getByRole('status').getByText(/est confirmé/).waitFor();
  assert.equal(await page.locator('#position').innerText(), '1');
  assert.match(await page.locator('#staff-state').innerText(), /Vous avez confirmé/);
  await axeCheck(page);
  await screenshot(page, 'reserve-detail-phone');
});

test('the parent sees who consulted the child’s file', async () => {
  const page = await suite.page({ viewport: PHONE });
  await signIn(page, 'parent@example.test', 'Parent-demo-2026');
  await page.goto('/famille');
  await submitAndWait(page, page.getByRole('link', { name: /Léa/ }).first());
  await submitAndWait(page, page.getByRole('link', { name: 'Qui a consulté le dossier de mon enfant' }));
  await page.getByRole('heading', { level: 1, name: 'Qui a consulté le dossier de mon enfant' }).waitFor();
  const text = await page.locator('main').innerText();
  assert.match(text, /CPE Les Petits Pas — Limoilou/);
  assert.match(text, /La liste de la réserve/);
  assert.doesNotMatch(text, /Sophie Tremblay/);
  await assertFitsWidth(page);
  await axeCheck(page);
  await screenshot(page, 'reserve-consultations-phone');
});

// The ranking's screens in a real browser (issue 15): the demo CPE's RSE opens "Priorités
// d'admission" from the dashboard, ticks all seven priorities with the keyboard and is refused by
// name, then saves six at 25 %; the demo parent reads Léa's rank at each chosen provider as a band
// with its category and the priority that applies, never another child's name. axe on every page,
// at 1366 and 390 px, no page wider than its viewport.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/ranking.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFitsWidth, axeCheck, signIn, submitAndWait, tabTo, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
const CODES = ['special_needs', 'precarious', 'parent_studies', 'cisss_referral', 'partner_employer',
  'age_group', 'neighbourhood'];


// Presses Tab until the element with this id has the focus (the keyboard's way to a field).

// No internal code on a page: criteria, states and age groups are in words.
async function assertNoInternalCode(page) {
  const text = await page.locator('main').innerText();
  for (const code of [...CODES, 'declined_provider', 'referral_', '18-59', '0-17']) {
    assert.ok(!text.includes(code), `${page.url()} shows "${code}"`);
  }
}

test('the CPE declares its priorities with the keyboard; seven are refused by name', async () => {
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/tableau-de-bord');
  await submitAndWait(page, page.getByRole('link', { name: "Priorités d'admission — CPE Les Petits Pas — Limoilou" }));
  await page.getByRole('heading', { level: 1, name: "Priorités d'admission" }).waitFor();
  // The demo's declaration: two priorities, 30 %.
  assert.equal(await page.locator('#criterion-special_needs').isChecked(), true);
  assert.equal(await page.locator('#criterion-parent_studies').isChecked(), true);
  assert.equal(await page.locator('#share').inputValue(), '30');
  await assertNoInternalCode(page);
  await axeCheck(page);
  // Keyboard only: tick the five others (seven in all).
  for (const code of CODES) {
    if (code === 'special_needs' || code === 'parent_studies') continue;
    await tabTo(page, `#criterion-${code}`);
    await page.keyboard.press('Space');
  }
  await tabTo(page, '#share');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('25');
  await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  await page.getByRole('alert').getByText("Priorités d'admission : cochez au plus 6 priorités.").first().waitFor();
  // Nothing lost: the seven ticks and the share are still there.
  for (const code of CODES) assert.equal(await page.locator(`#criterion-${code}`).isChecked(), true, code);
  assert.equal(await page.locator('#share').inputValue(), '25');
  await axeCheck(page);
  // Untick one and save.
  await page.locator('#criterion-neighbourhood').uncheck();
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer les priorités' }));
  await page.getByRole('status').getByText("Vos priorités d'admission sont enregistrées.").waitFor();
  assert.equal(await page.locator('#criterion-neighbourhood').isChecked(), false);
  assert.equal(await page.locator('#share').inputValue(), '25');
  await axeCheck(page);

  const phone = await suite.page({ viewport: PHONE });
  await signIn(phone, 'E0000001', 'Rse-petits-pas-2026');
  await phone.goto('/installations/20000001/priorites');
  await phone.locator('#share').fill('51');
  await submitAndWait(phone, phone.getByRole('button', { name: 'Enregistrer les priorités' }));
  await phone.getByRole('alert').getByText(/Part des places réservée aux priorités : au plus 50 %/).first().waitFor();
  await assertFitsWidth(phone);
  await axeCheck(phone);
});

test('the parent sees the rank as a band at each chosen provider', async () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await suite.page({ viewport });
    await signIn(page, 'parent@example.test', 'Parent-demo-2026');
    await page.goto('/famille');
    await submitAndWait(page, page.getByRole('link', { name: /^Léa / }));
    const choices = page.locator('#choices');
    await choices.waitFor();
    const text = await choices.innerText();
    assert.match(text, /Entre le 1er et le 5e rang pour une place de (0 à 17|18 à 59) mois/);
    assert.match(text, /Enfant n'ayant pas de place en CPE ou garderie subventionnée/);
    assert.match(text, /Priorité d'admission qui s'applique : Enfant dont un parent est inscrit à un programme d'études/);
    assert.match(text, /Ce rang peut varier\./);
    assert.match(text, /Dans la réserve de ce milieu/);
    assert.ok(!text.includes('Noah'), 'no other child on the rank');
    assert.match(await page.locator('#criteria').innerText(), /inscrit à un programme d'études/);
    await assertNoInternalCode(page);
    await assertFitsWidth(page);
    await axeCheck(page);
  }
});

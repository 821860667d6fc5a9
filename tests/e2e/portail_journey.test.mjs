// The Portail's journey across its parts (issue 14), on the demo data: the demo parent finds a
// home-based provider on the public map around a postal code, opens her fiche from the list,
// adds her to one child's choices, and finds the choice on that child's page. Keyboard only for
// the choice; axe on each screen; 1366 and 390 px.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/portail_journey.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const SIZES = [{ width: 1366, height: 900 }, { width: 390, height: 844 }];
const RSGE = 'Service de garde Marie Tremblay'; // published by the demo, chosen by no child yet

for (const viewport of SIZES) {
  test(`a parent goes from the map to a fiche and adds it to a child's choices (${viewport.width} px)`, async () => {
    const page = await suite.page({ viewport });
    await signIn(page, 'parent@example.test', 'Parent-demo-2026');
    await page.goto('/carte');
    await page.getByLabel('Adresse ou code postal').fill('G1R 0A0');
    await page.getByLabel('Distance maximale (km)').fill('10');
    await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
    await axeCheck(page);
    // The list says who is near; the RSGE is there, by name, without her address.
    const entry = page.locator('li, article').filter({ has: page.getByRole('link', { name: RSGE }) }).first();
    await entry.waitFor();
    assert.doesNotMatch(await entry.innerText(), /G1S|3Z9/);
    await submitAndWait(page, page.getByRole('link', { name: RSGE }).first());
    await page.getByRole('heading', { level: 1, name: RSGE }).waitFor();
    await axeCheck(page);
    await submitAndWait(page, page.getByRole('button', { name: 'Ajouter à mes choix' }).or(
      page.getByRole('link', { name: 'Ajouter à mes choix' })).first());
    await page.getByRole('heading', { level: 2, name: RSGE }).waitFor();
    await axeCheck(page);
    // Keyboard only: the first child (Léa) is checked with the space bar, then saved.
    const lea = page.getByRole('checkbox', { name: 'Léa Bégin', exact: true });
    const wanted = !(await lea.isChecked());
    await lea.focus();
    if (wanted) await page.keyboard.press('Space');
    assert.equal(await lea.isChecked(), true);
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await page.getByRole('status').getByText('Vos choix sont enregistrés.').waitFor();
    // Léa's page lists the RSGE among her choices.
    await page.goto('/famille');
    await submitAndWait(page, page.getByRole('link', { name: /Léa/ }).first());
    await page.getByText(RSGE).first().waitFor();
    await axeCheck(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
    assert.equal(width, true, 'the child page fits the screen');
    await page.context().close();
  });
}

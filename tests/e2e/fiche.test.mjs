// The fiche descriptive in a real browser (issue 14, POR-02, POR-07, seed 001): the CPE's RSE
// fills its fiche with the keyboard only and publishes it with rates hidden; an anonymous visitor
// sees it without rates; an unpublished RSGE shows the notice; the BC filters its RSGE by
// adhesion; without JavaScript the withdrawal asks on a page. axe on every page, 1366 and 390 px.
// With SGEE_SCREENSHOTS=docs/screenshots it takes docs/screenshots/fiche-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/fiche.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertFitsWidth, axeCheck, screenshot, signIn, submitAndWait, tabTo, useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };



// Presses Tab until the element with this id has the focus (the keyboard's way to a field).

test('the CPE fills its fiche with the keyboard and publishes it with rates hidden', async () => {
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/tableau-de-bord');
  await submitAndWait(page, page.getByRole('link', { name: 'Fiche descriptive — CPE Les Petits Pas — Charlesbourg' }));
  await page.getByRole('heading', { level: 1, name: 'Fiche descriptive' }).waitFor();
  assert.equal(await page.locator('#total-places').innerText(), '45');
  assert.match(await page.locator('#fiche-state').innerText(), /Non publiée/);
  assert.match(await page.locator('#rates-subsidized').innerText(), /contribution réduite/);
  await axeCheck(page);
  // Keyboard only: days Monday to Friday, hours, day and evening care, French, a presentation.
  for (const day of ['day-0', 'day-1', 'day-2', 'day-3', 'day-4']) {
    await tabTo(page, `#${day}`);
    await page.keyboard.press('Space');
  }
  await tabTo(page, '#opens_at');
  await page.keyboard.type('07:00');
  await tabTo(page, '#closes_at');
  await page.keyboard.type('18:00');
  for (const id of ['period-day', 'period-evening', 'vis-periods', 'lang-fr', 'vis-languages']) {
    await tabTo(page, `#${id}`);
    await page.keyboard.press('Space');
  }
  await tabTo(page, '#presentation');
  await page.keyboard.type('Au cœur de Charlesbourg, une petite installation où chaque enfant est connu de toute l\'équipe.');
  await tabTo(page, '#vis-presentation');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#vis-rates').isChecked(), false, 'rates stay hidden');
  await screenshot(page, 'fiche-edit-desktop');
  await tabTo(page, '#fiche-publish');
  await Promise.all([page.waitForURL('**/fiche?publiee=1'), page.keyboard.press('Enter')]);
  await page.getByRole('status').getByText('Votre fiche est publiée').waitFor();
  assert.match(await page.locator('#fiche-state').innerText(), /Publiée/);
  await axeCheck(page);

  // The same session on a phone (a code works once per account and 30 s: no second sign-in).
  const phone = await suite.page({ viewport: PHONE, storageState: await page.context().storageState() });
  await phone.goto('/installations/20000002/fiche');
  await assertFitsWidth(phone);
  await axeCheck(phone);
  await screenshot(phone, 'fiche-edit-phone');

  // An anonymous visitor sees the core and the visible fields, never the rates.
  for (const [size, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const visitor = await suite.page({ viewport: size });
    await visitor.goto('/milieux/20000002');
    await visitor.getByRole('heading', { level: 1, name: 'CPE Les Petits Pas — Charlesbourg' }).waitFor();
    assert.match(await visitor.locator('#fiche-hours').innerText(), /7 h 00 à 18 h 00/);
    assert.match(await visitor.locator('#fiche-periods').innerText(), /Soir/);
    assert.match(await visitor.locator('#fiche-presentation').innerText(), /Au cœur de Charlesbourg/);
    assert.equal(await visitor.locator('#fiche-rates').count(), 0, 'rates hidden');
    await visitor.getByRole('link', { name: 'Connectez-vous pour ajouter ce milieu à vos choix' }).waitFor();
    await assertFitsWidth(visitor);
    await axeCheck(visitor);
    await screenshot(visitor, `fiche-public-${name}`);
  }
});

test('an unpublished RSGE shows the notice, and a parent may add a published one', async () => {
  const visitor = await suite.page({ viewport: PHONE });
  await visitor.goto('/milieux/40000002');
  await visitor.getByText("Ce milieu n'a pas encore publié sa fiche.").waitFor();
  await visitor.getByRole('heading', { level: 1, name: 'Service de garde Karine Roy' }).waitFor();
  await assertFitsWidth(visitor);
  await axeCheck(visitor);
  await screenshot(visitor, 'fiche-notice-phone');
  const parent = await suite.page({ viewport: DESKTOP });
  await signIn(parent, 'parent@example.test', 'Parent-demo-2026');
  await parent.goto('/milieux/40000001');
  await parent.getByRole('button', { name: 'Ajouter à mes choix' }).waitFor();
  await axeCheck(parent);
  await screenshot(parent, 'fiche-public-rsge-desktop');
});

test('the BC filters its RSGE by adhesion and opens a fiche under her mandate', async () => {
  for (const [size, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
    const page = await suite.page({ viewport: size });
    await signIn(page, 'E0000004', 'Rse-bc-capitale-2026');
    await page.goto('/tableau-de-bord');
    await submitAndWait(page, page.getByRole('link', { name: 'Adhésion des RSGE au Portail' }));
    await page.getByRole('heading', { level: 1, name: 'Adhésion des RSGE au Portail' }).waitFor();
    await submitAndWait(page, page.getByRole('link', { name: /Fiche jamais commencée/ }));
    await page.getByRole('cell', { name: /^Service de garde Karine Roy/ }).waitFor();
    assert.equal(await page.getByRole('cell', { name: /^Service de garde Marie Tremblay/ }).count(), 0);
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `fiche-adhesion-${name}`);
    if (name === 'desktop') {
      await submitAndWait(page, page.getByRole('link', { name: /Fiche publiée/ }));
      await submitAndWait(page, page.getByRole('link', { name: 'Gérer sa fiche — Service de garde Marie Tremblay' }));
      assert.equal(await page.locator('#total-places').innerText(), '6');
    }
  }
});

test('without JavaScript: a bad hour is named, the withdrawal asks on a page', async () => {
  const page = await suite.page({ viewport: DESKTOP, javaScriptEnabled: false });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/installations/20000001/fiche');
  await page.getByLabel("Heure d'ouverture").fill('7h');
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
  await page.getByRole('alert').getByText("Heure d'ouverture : écrivez l'heure sous la forme HH:MM").first().waitFor();
  assert.equal(await page.getByLabel("Heure d'ouverture").inputValue(), '7h');
  await page.goto('/installations/20000001/fiche');
  await submitAndWait(page, page.getByRole('button', { name: 'Retirer ma fiche' }));
  await page.getByRole('heading', { level: 1, name: 'Veuillez confirmer' }).waitFor();
  await submitAndWait(page, page.getByRole('button', { name: 'Retirer ma fiche' }));
  await page.getByRole('status').getByText('Votre fiche est retirée').waitFor();
  const visitor = await suite.page({ viewport: DESKTOP, javaScriptEnabled: false });
  await visitor.goto('/milieux/20000001');
  await visitor.getByText("Ce milieu n'a pas encore publié sa fiche.").waitFor();
  await submitAndWait(page, page.getByRole('button', { name: 'Publier ma fiche' }));
  await page.getByRole('status').getByText('Votre fiche est publiée').waitFor();
});

// Free places and the automatic referral in a real browser (issue 15): the CPE declares a free
// place for 0 to 17 months with the keyboard, the demo child Léa is referred at once (the
// Portail's job runs on the declaration), the parent follows the e-mail's link and accepts, the
// CPE admits her and sees the time to fill. axe and no horizontal scroll at 1366 and 390 px on
// every screen. With SGEE_SCREENSHOTS=docs/screenshots it takes docs/screenshots/referral-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/referral.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, bothSizes, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true, serveArgs: ['--demo', '--refer-every', '0'] });
const PLACES = '/installations/20000001/places';


function inDays(n) {
  const d = new Date(Date.now() + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

// The link in the newest e-mail to `to` whose subject contains `subject`.
async function linkFromOutbox(page, to, subject) {
  await page.goto('/demo/courriels');
  const mail = page.locator('article.mail', { hasText: to }).filter({ hasText: subject }).first();
  const body = await mail.locator('.mail-body').textContent();
  const url = body.match(/https?:\/\/\S+/);
  assert.ok(url, `a link in: ${body}`);
  return new URL(url[0]).pathname;
}

test('the CPE declares a free place, Léa is referred, her parent accepts and the CPE admits her', async () => {
  const cpe = await suite.page({ viewport: { width: 1366, height: 900 } });
  await signIn(cpe, 'E0000001', 'Rse-petits-pas-2026');
  await cpe.goto(PLACES);
  assert.equal(await cpe.getByRole('heading', { level: 1 }).textContent(), 'Places libres et propositions');
  await bothSizes(cpe, 'referral-empty');

  // A refused form first: the message names the field and the rule, what was typed stays.
  await cpe.getByLabel("Groupe d'âge").selectOption({ label: '0 à 17 mois' });
  await cpe.getByLabel('Libre à compter du').fill('2020-01-01');
  await submitAndWait(cpe, cpe.getByRole('button', { name: 'Déclarer la place' }));
  await cpe.getByText('Libre à compter du : la date ne peut pas être passée.').first().waitFor();
  await cpe.getByText('Demi-périodes couvertes : cochez au moins une demi-période.').first().waitFor();
  await bothSizes(cpe, 'referral-errors');

  // With the keyboard: the date, Monday to Friday, both day half-periods.
  await cpe.getByLabel('Libre à compter du').fill(inDays(3));
  for (const day of ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi']) {
    for (const half of ['Jour P1', 'Jour P2']) {
      const box = cpe.getByLabel(`${day}, ${half}`, { exact: true });
      await box.focus();
      await cpe.keyboard.press('Space');
      assert.ok(await box.isChecked());
    }
  }
  await cpe.getByLabel("Nombre d'enfants proposés à la fois").fill('1');
  await cpe.getByRole('button', { name: 'Déclarer la place' }).focus();
  await Promise.all([cpe.waitForURL(/declaree=/), cpe.keyboard.press('Enter')]);
  await cpe.getByText('La place libre est déclarée.').waitFor();
  const row = cpe.locator('tr', { hasText: 'Léa Bégin' });
  await row.getByText('Proposé — en attente de la réponse de la famille').waitFor();
  assert.equal(await cpe.getByText('Noah Bégin').count(), 0, 'one child at once');
  await bothSizes(cpe, 'referral-referred');

  // The parent: the e-mail's link, the offer, "Accepter la place".
  const parent = await suite.page({ viewport: { width: 390, height: 844 } });
  await signIn(parent, 'parent@example.test', 'Parent-demo-2026');
  const link = await linkFromOutbox(parent, 'parent@example.test', 'Une place est proposée pour Léa');
  assert.match(link, /^\/famille\/propositions\/\d+$/);
  await parent.goto(link);
  await parent.getByText('Une place est proposée pour Léa').waitFor();
  await bothSizes(parent, 'referral-offer');
  await submitAndWait(parent, parent.getByRole('button', { name: 'Accepter la place' }));
  await parent.getByText('Votre réponse est enregistrée.').waitFor();
  await parent.getByText('Vous avez accepté').waitFor();
  await parent.goto('/famille/propositions');
  await parent.getByRole('link', { name: /Léa — CPE Les Petits Pas/ }).waitFor();
  await bothSizes(parent, 'referral-offers');

  // The CPE admits Léa on the planned start date already filled in.
  await cpe.goto(PLACES);
  await cpe.locator('tr', { hasText: 'Léa Bégin' })
    .getByText('Accepté par la famille — en attente de votre décision').waitFor();
  await submitAndWait(cpe, cpe.getByRole('button', { name: 'Admettre : Léa Bégin' }));
  await cpe.getByText("L'enfant est admis et la place est comblée.").waitFor();
  await cpe.getByText('Délai médian pour combler une place :').waitFor();
  await cpe.locator('#done-places').getByText('Léa Bégin — Admis').waitFor();
  await bothSizes(cpe, 'referral-admitted');

  // The ministry's time to fill per region.
  const agent = await suite.page({ viewport: { width: 1366, height: 900 } });
  await signIn(agent, 'M0000001', 'Ministere-demo-2026');
  await agent.goto('/ministere/places');
  await agent.getByRole('rowheader', { name: '03 Capitale-Nationale' }).waitFor();
  await bothSizes(agent, 'referral-ministry');
});

// A parent's account in a real browser: self-registration, e-mail verification (read from the
// demo outbox), sign-in, and a password reset whose link works once.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, signIn, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true, serveArgs: ['--demo'] });

const freshPage = () => suite.page();

// The link in the newest e-mail to `to` whose subject contains `subject`.
async function linkFromOutbox(page, to, subject) {
  await page.goto('/demo/courriels');
  const mail = page.locator('article.mail', { hasText: to }).filter({ hasText: subject }).first();
  const body = await mail.locator('.mail-body').textContent();
  const url = body.match(/https?:\/\/\S+/);
  assert.ok(url, `a link in: ${body}`);
  return new URL(url[0]).pathname + new URL(url[0]).search;
}

test('a parent registers, confirms the address and signs in', async () => {
  const page = await freshPage();
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Parent : créer un compte' }).click();
  await axeCheck(page);
  await page.getByLabel('Prénom').fill('Chloé');
  await page.getByLabel('Nom de famille').fill('Fortin');
  await page.getByLabel('Courriel').fill('chloe.fortin@example.test');
  await page.getByLabel('Mot de passe', { exact: true }).fill('court');
  await page.getByLabel('Confirmer le mot de passe').fill('court');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.locator('#password-error').getByText('au moins 12 caractères').waitFor();
  assert.equal(await page.getByLabel('Courriel').inputValue(), 'chloe.fortin@example.test');
  await axeCheck(page);
  await page.getByLabel('Mot de passe', { exact: true }).fill('ma fille va au CPE');
  await page.getByLabel('Confirmer le mot de passe').fill('ma fille va au CPE');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Vérifiez vos courriels' }).waitFor();

  await signIn(page, 'chloe.fortin@example.test', 'ma fille va au CPE');
  await page.getByText("Confirmez d'abord votre adresse courriel").waitFor();

  const link = await linkFromOutbox(page, 'chloe.fortin@example.test', 'confirmez');
  await axeCheck(page);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Adresse confirmée' }).waitFor();
  await signIn(page, 'chloe.fortin@example.test', 'ma fille va au CPE');
  await page.waitForURL('**/tableau-de-bord');
  await page.getByRole('link', { name: 'Qui a consulté le dossier de mes enfants' }).click();
  await page.getByRole('heading', { level: 1, name: 'Qui a consulté le dossier de mes enfants' })
    .waitFor();
  await page.getByText("Personne n'a consulté le dossier de vos enfants pendant cette période.")
    .waitFor();
  await axeCheck(page);
});

test('a forgotten password is reset by a link that works once', async () => {
  const page = await freshPage();
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié?' }).click();
  await axeCheck(page);
  await page.getByLabel("Code d'utilisateur ou courriel").fill('parent@example.test');
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await page.getByRole('heading', { name: 'Vérifiez vos courriels' }).waitFor();

  const link = await linkFromOutbox(page, 'parent@example.test', 'nouveau mot de passe');
  await page.goto(link);
  await axeCheck(page);
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('un tout nouveau mot de passe');
  await page.getByLabel('Confirmer le nouveau mot de passe').fill('un tout nouveau mot de passe');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.getByRole('heading', { name: 'Mot de passe changé' }).waitFor();

  const again = await page.goto(link);
  assert.equal(again.status(), 400);
  await page.getByRole('heading', { name: 'Lien expiré ou déjà utilisé' }).waitFor();

  await signIn(page, 'parent@example.test', 'Parent-demo-2026');
  await page.getByText("Le code d'utilisateur ou le mot de passe est incorrect.").waitFor();
  await signIn(page, 'parent@example.test', 'un tout nouveau mot de passe');
  await page.waitForURL('**/tableau-de-bord');
});

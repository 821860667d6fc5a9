// Enterprise enrolment in a real browser (ACC-01..03): an officer's immediate activation (with the
// secrets the ministry holds), a non-officer's enrolment through the ministry's queue, the new
// RSE's first sign-in.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, nextTotpCode, signIn, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });

const freshPage = () => suite.page();

// The secrets the ministry holds for CPE Les Lucioles (src/access/demo.hpp): with them its
// officer proves control of the entity (ACC-02 as amended by issue 11).
const LUCIOLES_ASSESSMENT = '400000004';
const LUCIOLES_INVITATION = 'LUCI2026';

async function fillEnrolment(page, { surname, givenName, role }) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Inscrire votre service de garde' }).click();
  await page.getByLabel('Organisme à but non lucratif (OBNL)').check();
  await page.getByLabel('Numéro d\'entreprise du Québec (NEQ)').fill('1160000004');
  await page.getByLabel("Nom de l'entité").fill('CPE Les Lucioles');
  await page.locator('#assessment_number').fill(LUCIOLES_ASSESSMENT);
  await page.locator('#invitation_code').fill(LUCIOLES_INVITATION);
  const rep = page.locator('input[name^="representative_"]');
  assert.equal(await rep.count(), 4);
  await page.locator('#representative_surname').fill(surname);
  await page.locator('#representative_given_name').fill(givenName);
  await page.locator('#representative_role').fill(role);
  await page.locator('#representative_email').fill('direction@lucioles.example');
  await page.locator('#rse_surname').fill('Gagné');
  await page.locator('#rse_given_name').fill('Isabelle');
  await page.locator('#rse_email').fill('isabelle.gagne@lucioles.example');
}

test('errors are shown beside their fields with their code; the form passes axe', async () => {
  const page = await freshPage();
  await page.goto('/inscription-entreprise');
  await axeCheck(page);
  await page.getByLabel('Numéro d\'entreprise du Québec (NEQ)').fill('12345');
  await page.getByRole('button', { name: "Transmettre l'inscription" }).click();
  await page.getByRole('alert').waitFor();
  await page.locator('#neq-error').getByText('(ACC002E)').waitFor();
  await page.locator('#legal_form-error').getByText('(ACC001E)').waitFor();
  assert.equal(await page.locator('#neq').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#neq').inputValue(), '12345', 'what was typed is kept');
  await axeCheck(page);
});

test("an officer's enrolment is activated at once; the RSE changes the temporary password", async () => {
  const page = await freshPage();
  await fillEnrolment(page, { surname: 'BEGIN', givenName: 'Andrée', role: 'Présidente' });
  await page.getByRole('button', { name: "Transmettre l'inscription" }).click();
  await page.getByRole('heading', { level: 1, name: 'Inscription reçue' }).waitFor();
  const userCode = (await page.locator('#new-user-code').textContent()).trim();
  const temporary = (await page.locator('#new-password').textContent()).trim();
  assert.match(userCode, /^E\d{7}$/);
  await axeCheck(page);

  const rse = await freshPage();
  await signIn(rse, userCode, temporary);
  await rse.waitForURL('**/mot-de-passe');
  await rse.getByLabel('Mot de passe actuel').fill(temporary);
  await rse.getByLabel('Nouveau mot de passe', { exact: true }).fill('les lucioles brillent la nuit');
  await rse.getByLabel('Confirmer le nouveau mot de passe').fill('les lucioles brillent la nuit');
  await rse.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  // The RSE's role requires a second factor: set it up with an authenticator app.
  await rse.waitForURL('**/securite/deux-etapes');
  await rse.getByText('exige la validation en deux étapes').waitFor();
  await rse.getByRole('img', { name: /Code QR/ }).waitFor();
  await axeCheck(rse);
  const secret = (await rse.locator('#secret').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await rse.getByLabel('Code à 6 chiffres').fill('000000');
  await rse.getByRole('button', { name: 'Activer la validation en deux étapes' }).click();
  await rse.getByRole('alert').getByText('Le code est incorrect').waitFor();
  await rse.getByLabel('Code à 6 chiffres').fill(nextTotpCode(userCode, secret));
  await rse.getByRole('button', { name: 'Activer la validation en deux étapes' }).click();
  await rse.waitForURL('**/tableau-de-bord?second_factor=on');
  await rse.getByText('La validation en deux étapes est activée.').waitFor();
  await rse.getByRole('link', { name: "Gestion des droits d'accès" }).click();
  await rse.getByRole('cell', { name: /Isabelle Gagné/ }).waitFor();

  // The next sign-in asks for the code; the code page passes axe.
  const again = await freshPage();
  await again.goto('/connexion');
  await again.getByLabel("Code d'utilisateur ou courriel").fill(userCode);
  await again.getByLabel('Mot de passe', { exact: true }).fill('les lucioles brillent la nuit');
  await again.getByRole('button', { name: 'Se connecter' }).click();
  await again.waitForURL('**/connexion/code?**');
  await axeCheck(again);
  await again.getByLabel('Code à 6 chiffres').fill(nextTotpCode(userCode, secret));
  await again.getByRole('button', { name: 'Valider' }).click();
  await again.waitForURL('**/tableau-de-bord');
});

// CPE Les Lucioles has an RSE since the test above: a new request waits, and replacing the RSE is
// the agent's explicit decision.
test("someone who is not an officer waits; a ministry agent activates from the queue", async () => {
  const page = await freshPage();
  await fillEnrolment(page, { surname: 'Lemieux', givenName: 'Claire', role: 'directrice' });
  await page.getByRole('button', { name: "Transmettre l'inscription" }).click();
  await page.getByText("L'inscription est en attente de vérification par un agent du Ministère.").waitFor();
  assert.equal(await page.locator('#new-password').count(), 0);
  const number = (await page.locator('#enrolment-number').textContent()).trim();

  const agent = await freshPage();
  await signIn(agent, 'M0000001', 'Ministere-demo-2026');
  await agent.getByRole('link', { name: "Inscriptions d'entreprises en attente" }).click();
  const card = agent.locator('article.enrolment', { has: agent.locator(`#enrolment-${number}`) });
  await card.getByText('Claire Lemieux, directrice').waitFor();
  await card.getByText("L'entreprise a déjà un RSE").waitFor();
  await card.getByText('Isabelle Gagné (E').waitFor();
  await axeCheck(agent);
  await card.getByRole('button', { name: /Activer/ }).click();
  await agent.getByRole('alert').getByText('Remplacer le RSE actuel').waitFor();
  const again = agent.locator('article.enrolment', { has: agent.locator(`#enrolment-${number}`) });
  await again.getByLabel(/Remplacer le RSE actuel/).check();
  await again.getByRole('button', { name: /Activer/ }).click();
  const userCode = (await agent.locator('#new-user-code').textContent()).trim();
  assert.match(userCode, /^E\d{7}$/);
  await agent.goto('/ministere/inscriptions');
  assert.equal(await agent.locator(`#enrolment-${number}`).count(), 0, 'no longer waiting');
});

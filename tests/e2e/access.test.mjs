// The access module in a real browser: sign-in, the RSE's "Gestion des droits d'accès", a new
// staff member's first sign-in with a temporary password, and what that member may then see.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });

const freshPage = () => suite.page();

test('a wrong password is refused with a clear message, the sign-in page passes axe', async () => {
  const page = await freshPage();
  await signIn(page, 'E0000001', 'not-the-password');
  await page.getByRole('alert').getByText("Le code d'utilisateur ou le mot de passe est incorrect.").waitFor();
  assert.equal(new URL(page.url()).pathname, '/connexion');
  await axeCheck(page);
});

test('the RSE creates a staff member who may only consult dossiers', async () => {
  // The RSE signs in and opens the rights management page.
  const rse = await freshPage();
  await signIn(rse, 'E0000001', 'Rse-petits-pas-2026');
  await rse.waitForURL('**/tableau-de-bord');
  await rse.getByRole('link', { name: "Gestion des droits d'accès" }).click();
  await rse.waitForURL('**/droits');
  await axeCheck(rse);

  // A new staff member: a user code and a temporary password, shown once.
  await rse.getByLabel('Prénom').fill('Émilie');
  await rse.getByLabel('Nom de famille').fill('Bégin');
  await rse.getByRole('button', { name: 'Créer le compte' }).click();
  const userCode = (await rse.locator('#new-user-code').textContent()).trim();
  const temporary = (await rse.locator('#new-password').textContent()).trim();
  assert.match(userCode, /^E\d{7}$/);
  assert.match(temporary, /^[\w-]{19}$/);
  await axeCheck(rse);

  // Only "consult dossiers" at the Limoilou installation.
  await rse.getByRole('link', { name: 'Accorder des droits' }).click();
  const limoilou = rse.getByRole('group', { name: /Limoilou/ });
  await limoilou.getByLabel('Consulter les dossiers').check();
  await axeCheck(rse);
  await rse.getByRole('button', { name: 'Enregistrer les droits' }).click();
  await rse.getByText('Les droits ont été enregistrés.').waitFor();
  assert.equal(await limoilou.getByLabel('Consulter les dossiers').isChecked(), true);
  assert.equal(await limoilou.getByLabel('Saisir les dossiers et les ententes').isChecked(), false);

  // The staff member signs in with the temporary password and must change it first.
  const staff = await freshPage();
  await signIn(staff, userCode, temporary);
  await staff.waitForURL('**/mot-de-passe');
  await staff.getByText('Votre mot de passe est temporaire.').waitFor();
  await axeCheck(staff);
  await staff.getByLabel('Mot de passe actuel').fill(temporary);
  await staff.getByLabel('Nouveau mot de passe', { exact: true }).fill('une phrase facile à retenir');
  await staff.getByLabel('Confirmer le nouveau mot de passe').fill('une phrase facile à retenir');
  await staff.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await staff.waitForURL('**/tableau-de-bord?changed=1');

  // The dashboard shows that right only, and no rights management entry.
  const rights = await staff.locator('.card li').allTextContents();
  assert.deepEqual(rights, ['Consulter les dossiers']);
  assert.equal(await staff.getByRole('link', { name: "Gestion des droits d'accès" }).count(), 0);
  await axeCheck(staff);

  // A page the member has no right for: the 403 page.
  const response = await staff.goto('/droits');
  assert.equal(response.status(), 403);
  await staff.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
  await axeCheck(staff);

  // The RSE finds the grant in the division's access log.
  await rse.goto('/tableau-de-bord');
  await rse.getByRole('link', { name: 'Journal des accès aux renseignements personnels' }).click();
  await rse.getByRole('row', { name: /Droit accordé.*Consulter les dossiers/ }).first().waitFor();
  await axeCheck(rse);

  // Signing out ends the session.
  await staff.goto('/tableau-de-bord');
  await staff.getByRole('button', { name: 'Se déconnecter' }).click();
  await staff.waitForURL((url) => url.pathname === '/');
  await staff.goto('/tableau-de-bord');
  assert.equal(new URL(staff.url()).pathname, '/connexion');
});

test('the RSE issues a sync access code, sees it once, and revokes it', async () => {
  const rse = await freshPage();
  await signIn(rse, 'E0000001', 'Rse-petits-pas-2026');
  await rse.waitForURL('**/tableau-de-bord');
  await rse.getByRole('link', { name: "Codes d'accès de synchronisation" }).click();
  await axeCheck(rse);
  await rse.getByLabel('Installation ou bureau coordonnateur').selectOption({ label: 'CPE Les Petits Pas — Limoilou (20000001)' });
  await rse.getByLabel('Description').fill('Logiciel Enfantin — poste de la direction');
  await rse.getByRole('button', { name: 'Émettre le code' }).click();
  const code = (await rse.locator('#new-access-code').textContent()).trim();
  assert.match(code, /^sgee_[0-9a-f]{40}$/);
  const row = rse.getByRole('row', { name: /Logiciel Enfantin/ });
  await row.waitFor();
  await axeCheck(rse);

  // Shown once: the list never shows it again.
  await rse.goto('/codes-acces');
  assert.equal(await rse.locator('body').innerText().then((t) => t.includes(code)), false);
  await rse.getByRole('row', { name: /Logiciel Enfantin/ }).getByRole('button', { name: /Révoquer/ }).click();
  // A danger button asks first (docs/ui/buttons.md).
  await submitAndWait(rse, rse.getByRole('dialog').getByRole('button', { name: 'Révoquer le code' }));
  await rse.getByText('Le code a été révoqué').waitFor();
  await rse.getByRole('row', { name: /Logiciel Enfantin/ }).getByText('Révoqué le').waitFor();
});

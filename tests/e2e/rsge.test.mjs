// POR-05 in a real browser: the RSGE (a home-based provider, her own RSE) withdraws and grants her
// BC's authorization to admit on her behalf; the ministry opens another RSGE's own account and
// resets the lost second factor of the first, who must then set it up again.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });

test('the RSGE withdraws and grants her BC the right to admit on her behalf', async () => {
  const page = await suite.page();
  await signIn(page, 'E0000005', 'Rsge-marie-2026');
  await page.getByRole('link', { name: "Autorisation d'admission au bureau coordonnateur" }).click();
  await page.getByRole('heading', { level: 1, name: "Autorisation d'admission au bureau coordonnateur" }).waitFor();
  await page.getByText('Bureau coordonnateur de la Capitale').waitFor();
  assert.match(await page.locator('#mandate-state').innerText(), /Vous avez autorisé votre bureau coordonnateur/);
  await axeCheck(page);
  await page.getByRole('button', { name: "Retirer l'autorisation" }).click();
  await submitAndWait(page, page.getByRole('dialog').getByRole('button', { name: "Retirer l'autorisation" }));
  await page.getByRole('status').getByText('Votre choix est enregistré.').waitFor();
  assert.match(await page.locator('#mandate-state').innerText(), /n'est pas autorisé à admettre en votre nom/);
  await axeCheck(page);
  await submitAndWait(page, page.getByRole('button', { name: 'Autoriser mon bureau coordonnateur à admettre en mon nom' }));
  assert.match(await page.locator('#mandate-state').innerText(), /Vous avez autorisé/);
  // Her dashboard offers no sync access codes: her BC's code covers her.
  await page.goto('/tableau-de-bord');
  assert.equal(await page.getByRole('link', { name: 'Codes d\'accès de synchronisation' }).count(), 0);
});

test('the ministry opens an RSGE account and resets a lost second factor', async () => {
  const agent = await suite.page();
  await signIn(agent, 'M0000001', 'Ministere-demo-2026');
  await agent.goto('/ministere/organisations/40000002');
  await agent.getByRole('heading', { level: 2, name: 'Comptes' }).waitFor();
  assert.match(await agent.locator('#mandate-state').innerText(), /n'a pas autorisé/);
  await axeCheck(agent);
  await agent.getByLabel('Prénom').fill('Karine');
  await submitAndWait(agent, agent.getByRole('button', { name: 'Créer le compte' }));
  await agent.locator('#surname-error').waitFor();
  assert.equal(await agent.getByLabel('Prénom').inputValue(), 'Karine');
  await axeCheck(agent);
  await agent.getByLabel('Nom de famille').fill('Roy');
  await submitAndWait(agent, agent.getByRole('button', { name: 'Créer le compte' }));
  await agent.getByRole('heading', { level: 1, name: 'Compte créé' }).waitFor();
  assert.match(await agent.locator('#new-user-code').innerText(), /^E\d{7}$/);
  await axeCheck(agent);
  await submitAndWait(agent, agent.getByRole('link', { name: "Retour à la fiche de l'organisation" }));
  await agent.getByRole('cell', { name: /Karine Roy/ }).waitFor();
  assert.equal(await agent.getByRole('heading', { name: 'Ouvrir le compte de la RSGE' }).count(), 0);

  // Marie lost her phone: the agent resets her second factor from her RSGE's page.
  await agent.goto('/ministere/organisations/40000001');
  await agent.getByRole('button', { name: /Réinitialiser la validation en deux étapes/ }).click();
  await submitAndWait(agent, agent.getByRole('dialog').getByRole('button', { name: /Réinitialiser la validation en deux étapes/ }));
  await agent.getByRole('status').getByText('La validation en deux étapes a été réinitialisée').waitFor();
  await axeCheck(agent);
  const marie = await suite.page();
  await signIn(marie, 'E0000005', 'Rsge-marie-2026', null);
  await marie.waitForURL('**/securite/deux-etapes');
  await marie.getByText('exige la validation en deux étapes').waitFor();
});

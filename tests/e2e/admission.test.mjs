// Admissions in a real browser (issue 15, POR-04, GES), on the demo data: the RSGE looks Noah up
// by his confirmation number and birth date (a wrong pair first, then the number typed loosely)
// and admits him, her admission waiting for her BC; the CPE's admission of Jacob Fortin (a demo
// family of its own) opens the registry's dossier form filled from the family file, which is saved
// and linked. axe on every
// screen, at 1366 and 390 px.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/admission.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFitsWidth, axeCheck, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };


// What the parent reads on Noah's page: his confirmation number and birth date.
async function noahAsTheParentSeesHim() {
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'parent@example.test', 'Parent-demo-2026');
  await page.goto('/famille');
  await submitAndWait(page, page.getByRole('link', { name: /Noah/ }).first());
  const number = (await page.locator('#confirmation-number').innerText()).trim();
  const birth = await page.locator('#birth-date').getAttribute('datetime');
  await page.context().close();
  return { number, birth };
}

test('the RSGE finds Noah by his confirmation number and admits him', async () => {
  const noah = await noahAsTheParentSeesHim();
  for (const viewport of [DESKTOP, PHONE]) {
    const page = await suite.page({ viewport });
    await signIn(page, 'E0000005', 'Rsge-marie-2026');
    await page.goto('/installations/40000001/admissions');
    await page.getByRole('heading', { level: 1, name: 'Admissions' }).waitFor();
    await axeCheck(page);
    await submitAndWait(page, page.getByRole('link', { name: 'Rechercher un enfant' }));
    await page.getByRole('heading', { level: 1, name: 'Rechercher un enfant' }).waitFor();
    await axeCheck(page);
    if (viewport === PHONE) {
      await assertFitsWidth(page);
      await page.context().close();
      continue;
    }
    // A wrong pair: said plainly, nothing revealed.
    await page.getByLabel("Numéro de confirmation d'inscription").fill(noah.number);
    await page.getByLabel("Date de naissance de l'enfant").fill('2019-01-01');
    await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
    await page.getByRole('alert').getByText(/Aucun enfant ne correspond/).waitFor();
    assert.equal(await page.getByText('Noah').count(), 0);
    await axeCheck(page);
    // The number as read over the phone: lower case, in groups.
    const typed = `${noah.number.slice(0, 4)}-${noah.number.slice(4, 7)} ${noah.number.slice(7)}`.toLowerCase();
    await page.getByLabel("Numéro de confirmation d'inscription").fill(typed);
    await page.getByLabel("Date de naissance de l'enfant").fill(noah.birth);
    await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
    await page.getByRole('heading', { level: 1, name: /Admettre un enfant : Noah Bégin/ }).waitFor();
    await page.getByText('Sophie Lavoie').first().waitFor();
    await axeCheck(page);
    const start = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
    await page.getByLabel("Date d'entrée prévue").fill(start);
    await submitAndWait(page, page.getByRole('button', { name: "Admettre l'enfant" }));
    await page.getByRole('status').getByText("L'enfant est admis.").waitFor();
    const row = page.getByRole('row', { name: /Noah Bégin/ });
    assert.match(await row.innerText(), /en attente de la confirmation du bureau coordonnateur/);
    await axeCheck(page);
    await page.context().close();
  }
});

test("the CPE's admission opens the dossier form filled from the family file and saves it", async () => {
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/installations/20000001/admissions');
  const row = page.getByRole('row', { name: /Jacob Fortin/ });
  await submitAndWait(page, row.getByRole('link', { name: /Créer le dossier/ }));
  await page.getByRole('heading', { level: 1, name: 'Ajouter un dossier parent-enfant' }).waitFor();
  const child = page.getByRole('group', { name: "Identification de l'enfant" });
  assert.equal(await child.getByLabel("Prénom de l'enfant", { exact: true }).inputValue(), 'Jacob');
  assert.equal(await child.getByLabel("Nom de l'enfant", { exact: true }).inputValue(), 'Fortin');
  assert.equal(await child.getByLabel('Sexe', { exact: true }).inputValue(), 'M');
  const guardian = page.getByRole('group', { name: 'Responsable', exact: true });
  assert.equal(await guardian.getByLabel('Prénom', { exact: true }).inputValue(), 'Caroline');
  await axeCheck(page);
  // What the family file does not say: born in Québec or not, the guardians' roles, the end.
  await child.getByRole('group', { name: 'Enfant né hors Québec' }).getByLabel('Oui', { exact: true }).check();
  await guardian.getByLabel('Rôle', { exact: true }).selectOption('mother');
  const other = page.getByRole('group', { name: 'Autre responsable', exact: true });
  assert.equal(await other.getByLabel('Nom', { exact: true }).inputValue(), 'Fortin');
  await other.getByLabel('Rôle', { exact: true }).selectOption('father');
  const agreement = page.getByRole('group', { name: 'Entente A1' });
  assert.notEqual(await agreement.getByLabel('Date de début', { exact: true }).inputValue(), '');
  const start = await agreement.getByLabel('Date de début', { exact: true }).inputValue();
  const end = `${Number(start.slice(0, 4)) + 1}-06-30`;
  await agreement.getByLabel('Date de fin', { exact: true }).fill(end);
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer', exact: true }).last());
  const refused = page.locator('.alert-error#form-summary');
  if (await refused.count()) assert.fail(`not saved: ${await refused.innerText()}`);
  await page.getByRole('status').getByText('Le dossier est enregistré.').waitFor();
  await axeCheck(page);
  await page.goto('/installations/20000001/admissions');
  const linked = page.getByRole('row', { name: /Jacob Fortin/ });
  await linked.getByRole('link', { name: /Voir le dossier/ }).waitFor();
  const phone = await suite.page({ viewport: PHONE });
  await signIn(phone, 'E0000001', 'Rse-petits-pas-2026');
  await phone.goto('/installations/20000001/admissions');
  await assertFitsWidth(phone);
  await axeCheck(phone);
});

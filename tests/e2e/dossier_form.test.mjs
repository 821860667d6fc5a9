// The "Ajouter dossier parent-enfant" form in a real browser, on the demo data: the RSE types a
// dossier with errors, sees each message beside its field with its code, fixes them, saves and
// finds the child in the list; the parent block follows DOS-12; the address comes from the
// reference's autocomplete; a two-week shared-custody schedule is built from a common schedule
// and one more day, then the agreement is terminated from the edit form. Every screen passes axe.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeCheck, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });

async function openNewForm(page) {
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto('/installations/20000001/dossiers');
  await page.getByRole('link', { name: 'Ajouter un dossier parent-enfant' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ajouter un dossier parent-enfant' }).waitFor();
}

// The child, her mother and their address (picked in the autocomplete), her age bracket and the
// first agreement's dates: everything but the schedule.
async function fillDossier(page, { given, birth }) {
  const child = page.getByRole('group', { name: "Identification de l'enfant" });
  await child.getByLabel("Nom de l'enfant", { exact: true }).fill('Bouchard');
  await child.getByLabel("Prénom de l'enfant", { exact: true }).fill(given);
  await child.getByLabel('Sexe', { exact: true }).selectOption('F');
  await child.getByLabel('Date de naissance', { exact: true }).fill(birth);
  await child.getByRole('group', { name: 'Enfant né hors Québec' }).getByLabel('Oui', { exact: true }).check();
  const guardian = page.getByRole('group', { name: 'Responsable', exact: true });
  await guardian.getByLabel('Nom', { exact: true }).fill('Bouchard');
  await guardian.getByLabel('Prénom', { exact: true }).fill('Maude');
  await guardian.getByLabel('Rôle', { exact: true }).selectOption('mother');
  const search = page.getByRole('combobox', { name: "Rechercher l'adresse" });
  await search.pressSequentially('1 rue des Patriotes');
  // The list follows the typing: wait for the option of the whole text (an earlier prefix's list
  // may still be showing), as a user would pick it.
  await page.getByRole('listbox', { name: "Rechercher l'adresse" })
    .getByRole('option', { name: /rue des Patriotes/ }).first().click();
  assert.equal(await page.getByLabel('Rue', { exact: true }).inputValue(), 'rue des Patriotes');
  assert.match(await page.getByLabel('Code postal', { exact: true }).inputValue(), /^[A-Z]\d[A-Z] \d[A-Z]\d$/);
  const brackets = page.getByRole('group', { name: "Tranches d'âge" });
  await brackets.getByLabel("Tranche d'âge", { exact: true }).selectOption('18-59');
  await brackets.getByLabel('En vigueur le', { exact: true }).fill('2025-08-10');
  const agreement = page.getByRole('group', { name: 'Entente A1' });
  await agreement.getByLabel('Date de début', { exact: true }).fill('2026-09-01');
  await agreement.getByLabel('Date de fin', { exact: true }).fill('2027-06-30');
  return agreement;
}

test('a dossier with errors shows each message beside its field, then is fixed, saved and listed', async () => {
  const page = await suite.page();
  await openNewForm(page);
  await axeCheck(page);
  // DOS-12: the parent block shows for a child born outside Québec until a responsible adult is
  // her mother, biological mother or father.
  await page.getByRole('group', { name: 'Enfant né hors Québec' }).getByLabel('Oui', { exact: true }).check();
  assert.ok(await page.getByRole('group', { name: 'Parent', exact: true }).isVisible());
  const agreement = await fillDossier(page, { given: '', birth: '2099-05-01' });
  assert.ok(await page.getByRole('group', { name: 'Parent', exact: true }).isHidden());
  // No given name, a birth date in the future, a termination before the agreement's start.
  await agreement.getByLabel('Date de résiliation', { exact: true }).fill('2026-08-01');
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer', exact: true }).last());
  await page.getByRole('heading', { name: 'Le dossier n\'est pas enregistré : corrigez les erreurs ci-dessous.' }).waitFor();
  // The summary: each message once, in the page's order, saying in words where it is; the
  // termination's message quotes the agreement's dates.
  const lines = await page.locator('#form-summary li').allInnerTexts();
  assert.equal(new Set(lines).size, lines.length, lines.join('\n'));
  const where = (start) => lines.findIndex((l) => l.startsWith(start));
  assert.ok(where("Prénom de l'enfant : ") >= 0, lines.join('\n'));
  assert.ok(where("Prénom de l'enfant : ") < where('Date de naissance : '), lines.join('\n'));
  assert.ok(where('Date de naissance : ') < where('Entente A1 — Date de résiliation : '), lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('La date de résiliation doit être comprise entre 2026-09-01 et 2027-06-30')),
    lines.join('\n'));
  if (process.env.SGEE_SCREENSHOTS) {
    for (const [w, h] of [[1366, 900], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `${process.env.SGEE_SCREENSHOTS}/form-errors-${w}.png`, fullPage: false });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }
  const given = page.locator('#f-child-given_name-field');
  assert.match(await given.innerText(), /CSG002E/);
  assert.equal(await page.getByLabel("Prénom de l'enfant", { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-child-birth_date-field').innerText(), /CSG006E/);
  assert.match(await page.locator('#f-agreements-0-termination-field').innerText(), /CSG063E/);
  assert.doesNotMatch(await page.locator('#f-child-surname-field').innerText(), /CSG/);
  assert.equal(await page.getByLabel("Nom de l'enfant", { exact: true }).inputValue(), 'Bouchard', 'kept');
  await axeCheck(page);
  // Fixed: the given name, the birth date, every weekday from the common schedules.
  await page.getByLabel("Prénom de l'enfant", { exact: true }).fill('Zoé-Lune');
  await page.getByLabel('Date de naissance', { exact: true }).fill('2024-02-10');
  await agreement.getByLabel('Date de résiliation', { exact: true }).fill('');
  await agreement.getByLabel('Horaire type', { exact: true }).selectOption({ label: 'Tous les jours de la semaine' });
  await agreement.getByRole('button', { name: "Appliquer l'horaire type" }).click();
  assert.ok(await agreement.getByLabel('Ven., Jour P2, Semaine 1', { exact: true }).isChecked());
  assert.ok(!(await agreement.getByLabel('Sam., Jour P1, Semaine 1', { exact: true }).isChecked()));
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer', exact: true }).last());
  await page.getByRole('status').getByText('Le dossier est enregistré.').waitFor();
  await page.getByRole('heading', { level: 1, name: /Zoé-Lune Bouchard/ }).waitFor();
  await axeCheck(page);
  // The way back is the breadcrumbs (no "Retour à la liste" link repeats them).
  assert.equal(await page.getByRole('link', { name: 'Retour à la liste des dossiers' }).count(), 0);
  await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: 'Dossiers', exact: true }).click();
  await page.getByLabel('Rechercher', { exact: true }).fill('Zoé-Lune');
  await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
  assert.equal(await page.locator('#dossier-count').innerText(), '1 dossier(s)');
  await page.getByRole('link', { name: 'Bouchard, Zoé-Lune' }).waitFor();
});

test('a two-week shared-custody schedule is built from a common schedule and saved', async () => {
  const page = await suite.page();
  await openNewForm(page);
  const agreement = await fillDossier(page, { given: 'Alix', birth: '2024-02-10' });
  const weeks = agreement.getByLabel('Nombre de semaines par période', { exact: true });
  assert.equal(await weeks.inputValue(), '1');
  assert.ok(await agreement.getByRole('table', { name: 'Semaine 2' }).isHidden());
  await agreement.getByLabel('Horaire type', { exact: true }).selectOption({ label: 'Garde partagée : une semaine sur deux' });
  await agreement.getByRole('button', { name: "Appliquer l'horaire type" }).click();
  assert.equal(await weeks.inputValue(), '2');
  await agreement.getByRole('table', { name: /Semaine 2/ }).waitFor();
  assert.ok(await agreement.getByRole('table', { name: /Semaine 3/ }).isHidden());
  // The other parent's week starts on Monday morning with us.
  await agreement.getByLabel('Lun., Jour P1, Semaine 2', { exact: true }).check();
  await axeCheck(page);
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer', exact: true }).last());
  await page.getByRole('status').getByText('Le dossier est enregistré.').waitFor();
  const week1 = page.getByRole('table', { name: 'Semaine 1 / 2' });
  const week2 = page.getByRole('table', { name: 'Semaine 2 / 2' });
  await week1.waitFor();
  const planned = async (table, half) =>
    (await table.getByRole('row', { name: new RegExp(`^${half}`) }).innerText()).split('prévue').length - 1;
  assert.equal(await planned(week1, 'Jour P1'), 5);
  assert.equal(await planned(week1, 'Jour P2'), 5);
  assert.equal(await planned(week2, 'Jour P1'), 1);
  assert.equal(await planned(week2, 'Jour P2'), 0);
  // The agreement ends early: "Résilier" opens the edit form at its termination date.
  await page.getByRole('link', { name: 'Résilier Entente A1' }).click();
  await page.getByRole('heading', { level: 1, name: /Modifier le dossier parent-enfant/ }).waitFor();
  assert.equal(await page.getByLabel('Date de naissance (lecture seule)', { exact: true }).getAttribute('readonly'), '');
  await axeCheck(page);
  await page.getByLabel('Date de résiliation', { exact: true }).fill('2027-03-31');
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer', exact: true }).last());
  await page.getByRole('status').getByText('Le dossier est enregistré.').waitFor();
  await page.getByRole('heading', { level: 3, name: /date de résiliation : 31 mars 2027/ }).waitFor();
  await page.getByText('Version 2', { exact: false }).first().waitFor();
});

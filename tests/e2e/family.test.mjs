// The parents' family file in a real browser (issue 14, POR-01): a parent signs up (the existing
// self-registration), fills the family file with the keyboard only (the home address picked from
// the address reference's suggestions), adds two children and reads their confirmation numbers,
// adds choices of two providers whose fiche is published (FICHE's pages publish them; here, SQL),
// changes a desired date and withdraws one choice. The same without JavaScript. axe on every
// page, no page wider than 390 px. With SGEE_SCREENSHOTS=docs/screenshots it takes
// docs/screenshots/family-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/family.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { axeCheck, bothSizes, signIn, submitAndWait, tabTo, useSuite } from './harness.mjs';

// axe runs where JavaScript does: the pages without it are the same HTML, checked in the first test.

const suite = useSuite({ seedDemo: true, serveArgs: ['--demo'] });
const execFileP = promisify(execFile);
const NUMBER = /^[2-9A-HJKMNP-Z]{10}$/;
const CPE = '20000001';   // CPE Les Petits Pas — Limoilou
const RSGE = '40000001';  // Service de garde Marie Tremblay

// Runs one SQL statement on the test's database; its rows as text, one a line, columns by "|".
async function sql(statement) {
  const url = suite.server.dbURL;
  const { stdout } = url.startsWith('sqlite:')
    ? await execFileP('sqlite3', [url.slice('sqlite:'.length), statement])
    : await execFileP('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
  return stdout.trim();
}

async function publish(number) {
  await sql(`INSERT INTO fiches (organization_id, published, published_at, updated_at)
    SELECT id, 1, '2026-12-01T12:00:00Z', '2026-12-01T12:00:00Z' FROM organizations
    WHERE number = '${number}' AND NOT EXISTS
      (SELECT 1 FROM fiches f WHERE f.organization_id = organizations.id);
    UPDATE fiches SET published = 1 WHERE organization_id =
      (SELECT id FROM organizations WHERE number = '${number}')`);
}

// Only when asked (SGEE_SCREENSHOTS=docs/screenshots, say): a test run leaves the tree as it was.

// The link in the newest e-mail to `to` whose subject contains `subject`.
async function linkFromOutbox(page, to, subject) {
  await page.goto('/demo/courriels');
  const mail = page.locator('article.mail', { hasText: to }).filter({ hasText: subject }).first();
  const body = await mail.locator('.mail-body').textContent();
  const url = body.match(/https?:\/\/\S+/);
  assert.ok(url, `a link in: ${body}`);
  return new URL(url[0]).pathname + new URL(url[0]).search;
}

async function signUp(page, given, surname, email, password) {
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Parent : créer un compte' }).click();
  await page.getByLabel('Prénom').fill(given);
  await page.getByLabel('Nom de famille').fill(surname);
  await page.getByLabel('Courriel').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Confirmer le mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Vérifiez vos courriels' }).waitFor();
  await page.goto(await linkFromOutbox(page, email, 'confirmez'));
  await page.getByRole('heading', { name: 'Adresse confirmée' }).waitFor();
  await signIn(page, email, password);
  await page.waitForURL('**/tableau-de-bord');
}

// Tabs until `selector` has the focus (at most `limit` presses).

async function addChild(page, { given, born, needs, days, badBorn }) {
  await page.getByRole('link', { name: 'Ajouter un enfant' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inscrire un enfant' }).waitFor();
  await page.getByLabel('Nom de famille').fill('Fortin');
  await page.getByLabel('Prénom').fill(given);
  await page.getByLabel('Date de naissance').fill(born);
  await page.getByLabel('Sexe').selectOption('F');
  if (needs) {
    await page.getByRole('radio', { name: 'Oui' }).check();
    await page.getByLabel('Besoins particuliers, en quelques mots').fill(needs);
  }
  await page.getByLabel("Date d'entrée souhaitée").fill('2027-09-01');
  for (const day of days) {
    await page.getByLabel(`${day}, Jour P1`).check();
    await page.getByLabel(`${day}, Jour P2`).check();
  }
  await page.getByLabel("J'accepterais une place d'enfant remplaçant").check();
  if (badBorn) {
    // A refusal first: the message names the field, beside it and in the summary.
    await page.getByLabel('Date de naissance').fill(badBorn);
    await submitAndWait(page, page.getByRole('button', { name: "Inscrire l'enfant" }));
    await page.locator('#birth_date-error')
      .getByText('Date de naissance : la date ne peut pas être dans le futur').waitFor();
    // The summary takes the focus (site.js), so a screen reader reads it first.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'form-summary');
    await bothSizes(page, 'family-child-error');
    await page.getByLabel('Date de naissance').fill(born);
  }
  await submitAndWait(page, page.getByRole('button', { name: "Inscrire l'enfant" }));
  await page.getByText("L'enfant est inscrit.").waitFor();
  const number = (await page.locator('#confirmation-number').textContent()).trim();
  assert.match(number, NUMBER);
  return number;
}

test('a parent fills the family file, registers two children, chooses and changes', async () => {
  await publish(CPE);
  await publish(RSGE);
  const [civic, street, municipality] = (await sql(
    'SELECT civic_number, street, municipality FROM addresses ORDER BY search_key LIMIT 1')).split('|');
  const page = await suite.page();
  await signUp(page, 'Chloé', 'Fortin', 'chloe.fortin@example.test', 'ma fille va au CPE');
  await page.getByRole('link', { name: /Mon dossier familial/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon dossier familial' }).waitFor();
  await bothSizes(page, 'family-form');

  // Keyboard only: Tab from the page's start to each field, type, pick the address from the list.
  await tabTo(page, '#parent1_surname', 60);
  await page.keyboard.type('Fortin');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Chloé');
  await tabTo(page, '#address-search');
  await page.keyboard.type(`${civic} ${street.slice(0, 6)}`);
  await page.locator('#address-options li').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await page.getByLabel('Rue').inputValue(), street);
  assert.equal(await page.getByLabel('Municipalité').inputValue(), municipality);
  // The choice puts the focus on the phone.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'phone');
  await page.keyboard.type('418 555-0123');
  await tabTo(page, 'button[type=submit]');
  await Promise.all([page.waitForURL('**/famille?enregistre=1'), page.keyboard.press('Enter')]);
  await page.getByText('Votre dossier familial est enregistré.').waitFor();
  assert.ok(await page.getByText(`${civic} ${street}, ${municipality}`).isVisible());

  const first = await addChild(page, { given: 'Maude', born: '2025-04-02', needs: 'Asthme léger',
    days: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'] });
  await bothSizes(page, 'family-child');
  await page.getByRole('link', { name: 'Mon dossier familial', exact: true }).click();  // the breadcrumbs
  const second = await addChild(page, { given: 'Élodie', born: '2026-08-15', badBorn: '2099-08-15',
    days: ['lundi', 'mercredi'] });
  assert.notEqual(first, second);
  await page.goto('/famille');
  await page.getByText(first).waitFor();
  await page.getByText(second).waitFor();
  await bothSizes(page, 'family-file');

  // "Ajouter à mes choix" from the CPE's fiche: both children, Maude's needs shared.
  await page.goto(`/famille/choix?milieu=${CPE}`);
  await page.getByRole('heading', { name: 'CPE Les Petits Pas — Limoilou' }).waitFor();
  await page.getByLabel('Maude Fortin', { exact: true }).check();
  await page.getByLabel('Élodie Fortin', { exact: true }).check();
  await page.getByLabel(/besoins particuliers de Maude Fortin/).check();
  await bothSizes(page, 'family-choose');
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer mes choix' }));
  await page.getByText('Vos choix sont enregistrés.').waitFor();
  // And the RSGE for Maude.
  await page.goto(`/famille/choix?milieu=${RSGE}`);
  await page.getByLabel('Maude Fortin', { exact: true }).check();
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer mes choix' }));

  // Maude's page: both choices; the desired date changes.
  await page.goto('/famille');
  await page.getByRole('link', { name: 'Maude Fortin' }).click();
  await page.locator('#choices').getByRole('heading', { level: 3, name: 'CPE Les Petits Pas — Limoilou' }).waitFor();
  await page.locator('#choices').getByRole('heading', { level: 3, name: 'Service de garde Marie Tremblay' }).waitFor();
  await page.getByRole('link', { name: "Modifier l'enfant ou sa demande" }).click();
  await axeCheck(page);
  await page.getByLabel("Date d'entrée souhaitée").fill('2027-01-11');
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
  await page.getByText('Les changements sont enregistrés.').waitFor();
  assert.equal((await page.locator('#desired-start').textContent()).trim(), '11 janvier 2027');

  // One choice withdrawn, after the dialog asks.
  await page.getByRole('button', { name: 'Retirer ce choix : Service de garde Marie Tremblay' }).click();
  const dialog = page.locator('dialog.confirm-dialog');
  await dialog.getByText('Voulez-vous vraiment retirer ce choix ?').waitFor();
  await axeCheck(page);
  await submitAndWait(page, dialog.getByRole('button', { name: 'Retirer ce choix' }));
  await page.getByText('Le choix est retiré.').waitFor();
  assert.equal(await page.locator('#choices').getByRole('heading', { level: 3, name: 'Service de garde Marie Tremblay' }).count(), 0);
  await page.locator('#choices').getByRole('heading', { level: 3, name: 'CPE Les Petits Pas — Limoilou' }).waitFor();
  // In English, the same page.
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { level: 2, name: 'The request for a place' }).waitFor();
  await page.getByText('Registration confirmation number').waitFor();
  await axeCheck(page);
  assert.equal(await sql(`SELECT COUNT(*) FROM portail_choices c JOIN portail_children k
    ON k.id = c.child_id WHERE k.confirmation_number = '${first}'`), '1');
});

test('without JavaScript: the family file, an error, a child and a choice withdrawn', async () => {
  await publish(CPE);
  const page = await suite.page({ javaScriptEnabled: false });
  await signIn(page, 'parent@example.test', 'Parent-demo-2026');
  await page.goto('/famille');
  // The demo family: two children with their numbers.
  const numbers = await page.locator('#children .code').allTextContents();
  assert.equal(numbers.length, 2);
  for (const n of numbers) assert.match(n.trim(), NUMBER);
  await page.getByRole('link', { name: 'Modifier mes coordonnées' }).click();
  // No suggestions without the script: the fields are typed; a wrong street is refused by name.
  assert.equal(await page.locator('.address-search').isVisible(), false);
  await page.getByLabel('Rue').fill('Rue inconnue');
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer' }));
  await page.getByRole('alert').getByText(/Adresse du domicile : cette adresse est introuvable/).waitFor();

  await page.goto('/famille/enfants/nouveau');
  await page.getByLabel('Nom de famille').fill('Bégin');
  await page.getByLabel('Prénom').fill('Jules');
  await page.getByLabel('Date de naissance').fill('2099-01-01');
  await page.getByLabel('Sexe').selectOption('M');
  await page.getByLabel("Date d'entrée souhaitée").fill('2027-09-01');
  await page.getByLabel('lundi, Jour P1').check();
  await submitAndWait(page, page.getByRole('button', { name: "Inscrire l'enfant" }));
  await page.getByRole('alert').getByText(/Date de naissance : la date ne peut pas être dans le futur/).waitFor();
  await page.getByLabel('Date de naissance').fill('2025-01-20');
  await submitAndWait(page, page.getByRole('button', { name: "Inscrire l'enfant" }));
  const number = (await page.locator('#confirmation-number').textContent()).trim();
  assert.match(number, NUMBER);

  await page.goto(`/famille/choix?milieu=${CPE}`);
  await page.getByLabel('Jules Bégin', { exact: true }).check();
  await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer mes choix' }));
  await page.goto('/famille');
  await page.getByRole('link', { name: 'Jules Bégin' }).click();
  // Without the dialog, the server asks on a page of its own.
  await submitAndWait(page, page.getByRole('button', { name: 'Retirer ce choix : CPE Les Petits Pas — Limoilou' }));
  await page.getByText('Voulez-vous vraiment retirer ce choix ?').waitFor();
  await submitAndWait(page, page.getByRole('button', { name: 'Retirer ce choix' }));
  await page.getByText('Le choix est retiré.').waitFor();
});

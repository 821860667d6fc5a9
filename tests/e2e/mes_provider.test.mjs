// MES on the provider's side in a real browser (issue 16; seed 000 §2–§6): the director of the
// demo CPE creates a request (a prerequisite missing first, then met), fills the four sections
// with the keyboard (moments added without JavaScript's help, the hours updated as she types), signs and
// transmits; the editor, who holds no signing right, sees no signature section. axe and no
// horizontal scroll at 1366 and 390 px; screenshots in $SGEE_SCREENSHOTS when set.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/mes_provider.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { bothSizes, signIn, submitAndWait, useSuite } from './harness.mjs';

const execFileP = promisify(execFile);
const suite = useSuite({ seedDemo: true });
const SHOTS = {}; // screenshots only when SGEE_SCREENSHOTS names a folder (harness.mjs)
const both = (page, name) => bothSizes(page, `mes-${name}`, SHOTS);

// One SQL statement on the test's database (the same SQL on both engines); its output.
async function sql(statement) {
  const url = suite.server.dbURL;
  const { stdout } = url.startsWith('sqlite:')
    ? await execFileP('sqlite3', [url.slice('sqlite:'.length), statement])
    : await execFileP('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
  return stdout.trim();
}

async function child(surname) {
  const row = await sql(`SELECT confirmation_number || '|' || birth_date FROM portail_children WHERE surname = '${surname}'`);
  const [confirmation, birth] = row.split('|');
  return { confirmation, birth };
}

async function find(page, kid) {
  await page.goto('/installations/20000001/mes/nouvelle');
  await page.getByLabel(/Numéro de confirmation/).fill(kid.confirmation);
  await page.getByLabel(/Date de naissance/).fill(kid.birth);
  await submitAndWait(page, page.getByRole('button', { name: "Trouver l'enfant" }));
}

async function next(page) {
  await submitAndWait(page, page.getByRole('button', { name: 'Suivant' }));
}

test('the director creates, fills, signs and transmits a request; the editor sees no signature section', async () => {
  const director = await suite.page();
  await signIn(director, 'E0000007', 'Mes-direction-2026');
  // From the dashboard to the lists.
  await director.goto('/tableau-de-bord');
  await submitAndWait(director, director.getByRole('link', { name: 'Demandes MES' }).first());
  await director.getByRole('heading', { level: 1, name: /Mesure exceptionnelle de soutien/ }).waitFor();
  await both(director, 'lists-empty');
  await submitAndWait(director, director.getByRole('link', { name: 'Créer une demande' }));
  await both(director, 'create');

  // Édouard: no AISG period at the CPE — said plainly, nothing created.
  await find(director, await child('Vachon'));
  const missing = await director.locator('#missing').innerText();
  assert.match(missing, /pas de période d'allocation pour l'intégration/);
  await both(director, 'create-missing');

  // Maëlle: every prerequisite met; the type proposed and explained.
  await find(director, await child('Dufresne'));
  await director.locator('#prerequisites-met').waitFor();
  assert.match(await director.locator('#type-why').innerText(), /nouvelle demande/);
  assert.equal(await director.getByLabel('Nouvelle demande').isChecked(), true);
  await both(director, 'create-type');
  await submitAndWait(director, director.getByRole('button', { name: 'Créer la demande' }));
  const requestUrl = new URL(director.url()).pathname.replace(/\/sections\/situation$/, '');

  // Section 2: « Suivant » with nothing typed stops on the page, the errors linked by label.
  await next(director);
  const summary = director.locator('#form-summary');
  assert.match(await summary.innerText(), /Le champ « Horaire de fréquentation » est obligatoire\./);
  await both(director, 'situation-errors');
  await director.getByLabel(/Date du début de la fréquentation/).fill('2025-09-02');
  await director.getByLabel(/Nombre de jours de fréquentation/).fill('5');
  await director.getByLabel(/Horaire de fréquentation/).fill('7 h 30 à 16 h 30');
  await director.getByLabel('Déficience', { exact: true }).fill("Trouble du spectre de l'autisme");
  await director.locator('#f-situation-integration_plan-no').check();
  await next(director);

  // Section 3: one exceptional difficulty.
  for (const sub of ['care', 'mobility', 'social', 'behaviour'])
    await director.locator(`#f-needs-${sub}-exceptional-no`).check();
  await director.locator('#f-needs-communication-exceptional-yes').check();
  await director.locator('#f-needs-communication-difficulty').fill("Ne s'exprime pas verbalement.");
  await director.locator('#f-needs-communication-support').fill('Pictogrammes à chaque transition.');
  await both(director, 'needs');
  await next(director);

  // Section 4: two moments added with the button (a plain form post), the hours as one types.
  for (let i = 0; i < 2; i++)
    await submitAndWait(director, director.getByRole('button', { name: 'Ajouter un moment' }));
  const spans = [['08:00', '12:00'], ['10:00', '14:00']];
  for (let i = 1; i <= 2; i++) {
    const p = `#f-typical_day-moments-${i}-`;
    await director.locator(`${p}start`).fill(spans[i - 1][0]);
    await director.locator(`${p}end`).fill(spans[i - 1][1]);
    await director.locator(`${p}transition-${i === 1 ? 'yes' : 'no'}`).check();
    await director.locator(`${p}label`).fill(i === 1 ? 'Arrivée' : 'Repas du midi');
    await director.locator(`${p}needs`).fill('Besoin de repères visuels.');
    await director.locator(`${p}actions`).fill("L'accompagnatrice montre les pictogrammes.");
  }
  assert.equal(await director.locator('#hours').innerText(), '6 h');
  await director.locator('#f-typical_day-moments-2-end').fill('18:00');
  assert.equal(await director.locator('#hours').innerText(), '10 h');
  await next(director);
  assert.match(await director.locator('#form-summary').innerText(), /au plus 8 heures par jour/);
  await both(director, 'typical-day-over');
  await director.locator('#f-typical_day-moments-2-end').fill('14:00');
  await next(director);

  // The summary, then the request's page.
  assert.equal(await director.locator('#summary-hours').innerText(), '6 h');
  await both(director, 'summary');
  await submitAndWait(director, director.getByRole('button', { name: 'Terminer' }));
  assert.equal(new URL(director.url()).pathname, requestUrl);
  await director.getByRole('heading', { name: 'Signature électronique de la direction' }).waitFor();
  assert.match(await director.locator('#receivability').innerText(), /Formulaire de demande signé/);

  // The editor: the same request, no signature section.
  const editor = await suite.page();
  await signIn(editor, 'E0000006', 'Mes-saisie-2026');
  await editor.goto(requestUrl);
  await editor.locator('#sections').waitFor();
  assert.equal(await editor.getByText('Signature électronique de la direction').count(), 0);
  await both(editor, 'request-editor');

  // The signed form is attached (its upload page is another part's), then sign and transmit.
  const id = requestUrl.split('/').pop();
  await sql(`INSERT INTO mes_attachments (request_id, nature, filename, size, pages, sha256, content, uploaded_at) VALUES (${id}, 'signed_form', 'formulaire.pdf', 4, 1, '${'a'.repeat(64)}', '%PDF', '2026-01-01T00:00:00Z')`);
  await director.reload();
  await both(director, 'request-director');
  await director.getByLabel(/J'atteste que les renseignements/).check();
  await submitAndWait(director, director.getByRole('button', { name: 'Signer' }));
  assert.match(await director.locator('#signed').innerText(), /Signée par Isabelle Morin/);
  await director.locator('#receivability', { hasText: 'la demande est complète' }).waitFor();
  await submitAndWait(director, director.getByRole('button', { name: 'Transmettre au Ministère' }));
  assert.equal(await director.locator('#status').innerText(), 'Transmise');
  await director.locator('#read-only').waitFor();
  await both(director, 'transmitted');

  // In progress in the lists.
  await director.goto('/installations/20000001/mes?liste=en-cours');
  await director.getByRole('link', { name: /^MES-/ }).waitFor();
  await both(director, 'lists-in-progress');
});

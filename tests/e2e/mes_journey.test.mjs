// The whole MES journey in a real browser, as real users (issue 16, « Done when » 1; MES-01…13,
// seed 000 §2–§8), French UI, on the demo data:
//   A. the CPE's MES editor (E0000006, no signing right) creates a request — Édouard first, a
//      prerequisite missing and said, then Maëlle, every one met —, fills the four sections,
//      attaches the required PDFs, prints both documents and sees no signature section; the
//      director (E0000007) signs and transmits; the ministry agent (M0000001) assigns it to
//      herself, comments two sections and sends the comments; the editor corrects one section
//      (the others stay closed) and ticks « Corrigé » twice, the director signs again and
//      transmits again; the agent sees what changed, marks it conform, grants 6 h a day and
//      attaches the letter; the director sees it unread (list icon, « Non lue »), opens it, and
//      it is read (icon gone).
//   B. the next request for Maëlle at the same installation is proposed as a renewal with
//      changes (granted this reference year) and created with the hours granted carried over;
//      then the RSE of the same provider, who holds every right at its other installation
//      (20000002), records Maëlle's dossier there (agreement and AISG period) with the dossier
//      form, and a request there is proposed and created as a transfer.
// B runs on what A left (the same server): run the file whole. The one thing read from the
// database is the child's Portail confirmation number (the parent gives it to the provider; the
// demo prints it at seeding). axe on every distinct page, no horizontal scroll at 1366 and 390 px;
// screenshots in $SGEE_SCREENSHOTS when set.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/mes_journey.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DESKTOP, axeCheck, bothSizes, signIn, submitAndWait, useSuite } from './harness.mjs';

const execFileP = promisify(execFile);
const suite = useSuite({ seedDemo: true });
const SHOTS = {}; // screenshots only when SGEE_SCREENSHOTS names a folder (harness.mjs)
const shots = (page, name) => bothSizes(page, `journey-${name}`, SHOTS);

// ---- helpers ------------------------------------------------------------------------------

// One read-only SQL query on the test's database (the same SQL on both engines); its output.
async function sql(statement) {
  const url = suite.server.dbURL;
  const { stdout } = url.startsWith('sqlite:')
    ? await execFileP('sqlite3', [url.slice('sqlite:'.length), statement])
    : await execFileP('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
  return stdout.trim();
}

// The Portail confirmation number and birth date of a demo child (what the parent tells the CPE).
async function child(surname) {
  const row = await sql(`SELECT confirmation_number || '|' || birth_date FROM portail_children WHERE surname = '${surname}'`);
  const [confirmation, birth] = row.split('|');
  assert.ok(confirmation && birth, `demo child ${surname} not found`);
  return { confirmation, birth };
}

// Today in Québec as YYYY-MM-DD, moved by `days`; the reference year (1 April – 31 March).
function quebecDay(days = 0) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Montreal' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function referenceYear() {
  const [y, m] = quebecDay().split('-').map(Number);
  return m >= 4 ? y : y - 1;
}
function addMonths(day, months) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

// A small valid one-page PDF, its objects by hand with a correct cross-reference table; `label`
// makes each file's bytes (and SHA-256) its own.
function onePagePdf(label) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Title (${label}) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// GET `href` with the page's cookies, as the browser would: it must answer a PDF.
async function expectPdf(page, href, what) {
  const res = await page.request.get(href);
  assert.equal(res.status(), 200, `${what}: ${href} answered ${res.status()}`);
  assert.equal(res.headers()['content-type'], 'application/pdf', `${what}: content type`);
  const body = Buffer.from(await res.body());
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-', `${what}: not a PDF`);
  return body;
}

async function find(page, installation, kid) {
  await page.goto(`/installations/${installation}/mes/nouvelle`);
  await page.getByLabel(/Numéro de confirmation/).fill(kid.confirmation);
  await page.getByLabel(/Date de naissance/).fill(kid.birth);
  await submitAndWait(page, page.getByRole('button', { name: "Trouver l'enfant" }));
}

const next = (page) => submitAndWait(page, page.getByRole('button', { name: 'Suivant' }));

// The request's row in the provider's lists.
const listRow = (page, number) => page.locator('#mes-requests tbody tr', { hasText: number });

// The state shared by A and B.
const journey = {};

// ---- A: from the draft to the letter read --------------------------------------------------

test('A: a CPE creates, fills, attaches, prints, signs and transmits; the ministry comments; the CPE corrects; the ministry grants 6 h a day and writes; the CPE reads the letter', async () => {
  const Y = referenceYear();
  const maelle = await child('Dufresne');
  journey.maelle = maelle;

  // ---- The editor: from the dashboard to the lists, then « Créer une demande ».
  const editor = await suite.page({ viewport: DESKTOP });
  await signIn(editor, 'E0000006', 'Mes-saisie-2026');
  await editor.goto('/tableau-de-bord');
  await submitAndWait(editor, editor.getByRole('link', { name: 'Demandes MES' }).first());
  await editor.getByRole('heading', { level: 1, name: /Mesure exceptionnelle de soutien/ }).waitFor();
  await editor.locator('#no-requests').waitFor();
  await shots(editor, 'lists-empty');
  await submitAndWait(editor, editor.getByRole('link', { name: 'Créer une demande' }));
  await editor.getByRole('heading', { level: 1 }).waitFor();
  await shots(editor, 'create');

  // Édouard: no AISG period at the CPE — the page says which prerequisite, nothing is created.
  await find(editor, '20000001', await child('Vachon'));
  // (Without a period, the AISG documents are not on file either: a line each; the admission,
  // the agreement and the registry's dossier are in order, so nothing said of them.)
  const missing = await editor.locator('#missing').innerText();
  assert.match(missing, /pas de période d'allocation pour l'intégration en service de garde \(AISG\)/);
  assert.doesNotMatch(missing, /entente|admission|transmis/i);
  assert.equal(await editor.getByRole('button', { name: 'Créer la demande' }).count(), 0);
  await shots(editor, 'create-missing');

  // Maëlle: every prerequisite met, a new request proposed and explained.
  await find(editor, '20000001', maelle);
  await editor.locator('#prerequisites-met').waitFor();
  assert.equal(await editor.locator('#child-name').innerText(), 'Maëlle Dufresne');
  assert.match(await editor.locator('#type-why').innerText(), /il s'agit d'une nouvelle demande/);
  assert.equal(await editor.getByLabel('Nouvelle demande').isChecked(), true);
  await shots(editor, 'create-type');
  await submitAndWait(editor, editor.getByRole('button', { name: 'Créer la demande' }));
  assert.match(editor.url(), /\/installations\/20000001\/mes\/\d+\/sections\/situation$/);
  const requestUrl = new URL(editor.url()).pathname.replace(/\/sections\/situation$/, '');
  journey.requestUrl = requestUrl;

  // Section 2, the child's situation: an integration plan applied, dated two months ago.
  const planDate = quebecDay(-60);
  await editor.getByLabel(/Date du début de la fréquentation/).fill('2025-09-02');
  await editor.getByLabel(/Nombre de jours de fréquentation/).fill('5');
  await editor.getByLabel(/Horaire de fréquentation/).fill('7 h 30 à 16 h 30');
  await editor.getByLabel('Déficience', { exact: true }).fill("Trouble du spectre de l'autisme");
  await editor.getByLabel('Incapacités comportementales', { exact: true }).fill('Crises lors des transitions.');
  await editor.locator('#f-situation-integration_plan-yes').check();
  await editor.locator('#f-situation-integration_plan_date').fill(planDate);
  await shots(editor, 'situation');
  await next(editor);

  // Section 3, the accompaniment needs: one exceptional difficulty.
  assert.match(editor.url(), /\/sections\/needs$/);
  for (const sub of ['care', 'mobility', 'social', 'behaviour'])
    await editor.locator(`#f-needs-${sub}-exceptional-no`).check();
  await editor.locator('#f-needs-communication-exceptional-yes').check();
  await editor.locator('#f-needs-communication-difficulty').fill("Ne s'exprime pas verbalement.");
  await editor.locator('#f-needs-communication-support').fill('Pictogrammes à chaque transition.');
  await shots(editor, 'needs');
  await next(editor);

  // Section 4, the typical day: two overlapping moments, 6 h a day counted once.
  assert.match(editor.url(), /\/sections\/typical_day$/);
  for (let i = 0; i < 2; i++)
    await submitAndWait(editor, editor.getByRole('button', { name: 'Ajouter un moment' }));
  const moments = [
    ['08:00', '12:00', 'yes', 'Arrivée et jeux libres'],
    ['10:00', '14:00', 'no', 'Repas du midi et sieste'],
  ];
  for (const [i, [start, end, transition, label]] of moments.entries()) {
    const p = `#f-typical_day-moments-${i + 1}-`;
    await editor.locator(`${p}start`).fill(start);
    await editor.locator(`${p}end`).fill(end);
    await editor.locator(`${p}transition-${transition}`).check();
    await editor.locator(`${p}label`).fill(label);
    await editor.locator(`${p}needs`).fill('Besoin de repères visuels.');
    await editor.locator(`${p}actions`).fill("L'accompagnatrice montre les pictogrammes.");
  }
  await editor.locator('#hours', { hasText: '6 h' }).waitFor();
  await shots(editor, 'typical-day');
  await next(editor);

  // The summary, then the request's page.
  assert.match(editor.url(), /\/sections\/summary$/);
  assert.equal(await editor.locator('#summary-hours').innerText(), '6 h');
  await shots(editor, 'summary');
  await submitAndWait(editor, editor.getByRole('button', { name: 'Terminer' }));
  assert.equal(new URL(editor.url()).pathname, requestUrl);
  const number = (await editor.getByRole('heading', { level: 1 }).innerText()).match(/MES-\d{4}-\d{6}/)?.[0];
  assert.ok(number, 'the request number in the heading');
  journey.number = number;
  assert.equal(await editor.locator('#status').innerText(), 'Brouillon');
  assert.equal(await editor.locator('#request-facts').getByText('Nouvelle demande').count(), 1);

  // The editor holds no signing right: no signature section, nothing to sign or transmit with.
  assert.equal(await editor.locator('#signature').count(), 0);
  assert.equal(await editor.getByText('Signature électronique de la direction').count(), 0);
  assert.equal(await editor.getByRole('button', { name: 'Signer' }).count(), 0);
  assert.equal(await editor.getByRole('button', { name: 'Transmettre au Ministère' }).count(), 0);
  const receivability = await editor.locator('#receivability').innerText();
  assert.match(receivability, /Formulaire de demande signé/);
  assert.match(receivability, /Plan d'intégration/);
  await shots(editor, 'request-draft-editor');

  // « Documents à joindre »: the signed form and the integration plan, both starred and then joined.
  await submitAndWait(editor, editor.locator('#documents'));
  await editor.getByRole('heading', { level: 1, name: `Documents à joindre — demande ${number}` }).waitFor();
  const required = await editor.locator('.mes-required').innerText();
  assert.match(required, /\*\s*Formulaire de demande signé/);
  assert.match(required, /\*\s*Plan d'intégration/);
  await shots(editor, 'documents-empty');
  const attach = async (nature, name, buffer, date) => {
    await editor.getByLabel('Nature du document').selectOption(nature);
    await editor.setInputFiles('#fichier', { name, mimeType: 'application/pdf', buffer });
    if (date) await editor.getByLabel('Date du document').fill(date);
    await submitAndWait(editor, editor.getByRole('button', { name: 'Joindre le document' }));
    await editor.locator('#added-notice').waitFor();
  };
  await attach('signed_form', 'Formulaire signé.pdf', onePagePdf('Formulaire signé'));
  await attach('integration_plan', "Plan d'intégration.pdf", onePagePdf('Plan'), planDate);
  const rows = editor.locator('table.mes-attachments tbody tr');
  assert.equal(await rows.count(), 2);
  assert.equal(await editor.locator('.mes-required .status-missing').count(), 0,
    await editor.locator('.mes-required').innerText());
  assert.equal(await editor.locator('.mes-required .status-ok').count(), 2);
  await shots(editor, 'documents-joined');

  // Print: the complete form and the signatures page, both PDF.
  await editor.goto(requestUrl);
  await expectPdf(editor, await editor.locator('#print-form').getAttribute('href'), 'formulaire complet');
  await expectPdf(editor, await editor.locator('#print-signatures').getAttribute('href'), 'page des signatures');
  assert.match(await editor.locator('#print-form').getAttribute('href'), /\/formulaire\.pdf$/);
  assert.match(await editor.locator('#print-signatures').getAttribute('href'), /\/signatures\.pdf$/);
  // What is left before transmitting: the signature only.
  const left = editor.locator('#receivability li');
  assert.equal(await left.count(), 1, await editor.locator('#receivability').innerText());
  assert.match(await left.first().innerText(), /doit être signée par : Direction du service de garde/);

  // ---- The director: the lists, the request, the signature, the transmission.
  const director = await suite.page({ viewport: DESKTOP });
  await signIn(director, 'E0000007', 'Mes-direction-2026');
  await director.goto('/installations/20000001/mes?liste=brouillons');
  await submitAndWait(director, director.getByRole('link', { name: number }));
  assert.equal(new URL(director.url()).pathname, requestUrl);
  await director.getByRole('heading', { level: 2, name: 'Signature électronique de la direction' }).waitFor();
  await shots(director, 'request-draft-director');
  await director.getByLabel(/J'atteste que les renseignements/).check();
  await submitAndWait(director, director.getByRole('button', { name: 'Signer' }));
  assert.match(await director.locator('#signed').innerText(), /Signée par Isabelle Morin/);
  await director.locator('#receivability', { hasText: 'la demande est complète' }).waitFor();
  await submitAndWait(director, director.getByRole('button', { name: 'Transmettre au Ministère' }));
  assert.equal(await director.locator('#status').innerText(), 'Transmise');
  await director.locator('#read-only').waitFor();
  assert.equal(await director.locator('#signature').count(), 0);
  await shots(director, 'request-transmitted');
  // The editor may no longer change it.
  await editor.goto(`${requestUrl}/sections/situation`);
  await editor.locator('#read-only').waitFor();
  assert.equal(await editor.getByRole('button', { name: 'Enregistrer' }).count(), 0);

  // ---- The ministry agent: the queue, the request, assignment, two comments, sent.
  const agent = await suite.page({ viewport: DESKTOP });
  await signIn(agent, 'M0000001', 'Ministere-demo-2026');
  await agent.goto('/ministere/mes');
  await agent.getByRole('heading', { level: 1, name: 'Demandes MES à analyser' }).waitFor();
  const queued = agent.locator('#mes-queue tbody tr', { hasText: number });
  assert.match(await queued.innerText(), /Maëlle Dufresne/);
  assert.match(await queued.innerText(), /Transmise/);
  await shots(agent, 'queue');
  await submitAndWait(agent, queued.getByRole('link', { name: number }));
  const reviewUrl = new URL(agent.url()).pathname;
  await agent.getByRole('heading', { level: 1, name: `Demande ${number}` }).waitFor();
  assert.equal(await agent.locator('#status').innerText(), 'Transmise');
  await submitAndWait(agent, agent.getByRole('button', { name: "M'assigner" }));
  assert.equal(await agent.locator('#assigned').innerText(), 'Julie Gagnon');
  const comments = [
    ['situation', 'Précisez la déficience : le diagnostic est-il posé ?'],
    ['typical_day', 'Le repas du midi est-il une transition ?'],
  ];
  for (const [section, text] of comments) {
    await agent.locator(`#comment-${section}`).fill(text);
    await submitAndWait(agent, agent.locator(`#section-${section}`).getByRole('button', { name: 'Ajouter le commentaire' }));
    assert.match(await agent.locator(`#section-${section} .mes-comment-draft`).innerText(), new RegExp(text.slice(0, 20)));
  }
  await shots(agent, 'review-drafts');
  await submitAndWait(agent, agent.getByRole('button', { name: 'Envoyer les commentaires' }));
  await agent.locator('#sent-notice').waitFor();
  assert.equal(await agent.locator('#status').innerText(), 'Commentaires');

  // ---- The CPE: the bell in the list, the comments on the request's page.
  await editor.goto('/installations/20000001/mes?liste=en-cours');
  const bellRow = listRow(editor, number);
  assert.match(await bellRow.innerText(), /Commentaires/);
  assert.equal(await bellRow.locator('.mes-bell').count(), 1);
  await shots(editor, 'lists-bell');
  await submitAndWait(editor, bellRow.getByRole('link', { name: number }));
  const feedback = editor.locator('#commentaires');
  assert.equal(await feedback.locator('.mes-comment-open').count(), 2);
  assert.match(await feedback.innerText(), /Précisez la déficience/);
  assert.match(await feedback.innerText(), /Le repas du midi est-il une transition/);
  await shots(editor, 'request-comments');

  // Only the commented sections reopen: the needs stay closed, the situation is corrected.
  await editor.goto(`${requestUrl}/sections/needs`);
  await editor.locator('#read-only').waitFor();
  await editor.goto(`${requestUrl}/sections/situation`);
  assert.equal(await editor.locator('#read-only').count(), 0);
  await editor.getByLabel('Déficience', { exact: true })
    .fill("Trouble du spectre de l'autisme, diagnostic posé par la pédopsychiatre en mai.");
  await submitAndWait(editor, editor.locator('#save'));
  await editor.locator('#saved').waitFor();

  // « Corrigé » on each comment: red → green.
  await editor.goto(requestUrl);
  for (let i = 0; i < 2; i++) {
    const open = feedback.locator('.mes-comment-open').first();
    await submitAndWait(editor, open.getByRole('button', { name: 'Corrigé' }));
    assert.equal(await feedback.locator('.mes-comment-corrected').count(), i + 1);
  }
  assert.equal(await feedback.locator('.mes-comment-open').count(), 0);
  assert.match(await feedback.locator('.mes-comment-corrected').first().innerText(), /Corrigé le .* par Émilie Gagnon/);
  await shots(editor, 'request-corrected');
  await editor.goto('/installations/20000001/mes?liste=en-cours');
  assert.equal(await listRow(editor, number).locator('.mes-bell').count(), 0);

  // ---- The director signs again (the content changed) and transmits again.
  await director.goto(requestUrl);
  assert.match(await director.locator('#signed').innerText(), /signez-la de nouveau/);
  assert.match(await director.locator('#receivability').innerText(), /signée de nouveau/);
  await director.getByLabel(/J'atteste que les renseignements/).check();
  await submitAndWait(director, director.getByRole('button', { name: 'Signer' }));
  await director.locator('#receivability', { hasText: 'la demande est complète' }).waitFor();
  await submitAndWait(director, director.getByRole('button', { name: 'Transmettre au Ministère' }));
  assert.equal(await director.locator('#status').innerText(), 'Transmise');

  // ---- The agent: what changed, conform, 6 h a day granted, the letter.
  await agent.goto(reviewUrl);
  assert.equal(await agent.locator('#status').innerText(), 'Transmise');
  assert.match(await agent.locator('#section-situation .mes-changes').innerText(), /diagnostic posé par la pédopsychiatre/);
  await shots(agent, 'review-second-version');
  await submitAndWait(agent, agent.getByRole('button', { name: 'Conforme', exact: true }));
  assert.equal(await agent.locator('#status').innerText(), 'Conforme');
  await agent.locator('#decision-accorder').check();
  await agent.getByLabel('Heures accordées par jour (si accordée)').fill('6');
  assert.equal(await agent.locator('#debut').inputValue(), `${Y}-04-01`);
  assert.equal(await agent.locator('#fin').inputValue(), `${Y + 1}-03-31`);
  await submitAndWait(agent, agent.getByRole('button', { name: 'Enregistrer la décision' }));
  assert.equal(await agent.locator('#status').innerText(), 'Accordée');
  assert.match(await agent.locator('#decision').innerText(), new RegExp(`^6\\s?h · ${Y}-04-01 – ${Y + 1}-03-31$`));
  await agent.getByLabel('Précisions à ajouter à la lettre (facultatif)').fill('Bonne continuation à Maëlle.');
  await submitAndWait(agent, agent.getByRole('button', { name: 'Générer et joindre la lettre' }));
  const letters = agent.locator('#communications li');
  assert.equal(await letters.count(), 1);
  assert.match(await letters.first().innerText(), /Non lue par le service de garde/);
  await shots(agent, 'review-granted');

  // ---- The director: the letter unread in the conform list and on the request's page.
  await director.goto('/installations/20000001/mes?liste=conformes');
  const conformRow = listRow(director, number);
  assert.match(await conformRow.innerText(), /Accordée/);
  assert.equal(await conformRow.locator('.mes-letter').count(), 1);
  await shots(director, 'lists-letter');
  await submitAndWait(director, conformRow.getByRole('link', { name: number }));
  const letterList = director.locator('#communications');
  assert.equal(await letterList.locator('.mes-unread').count(), 1);
  assert.equal(await letterList.locator('.mes-unread').innerText(), 'Non lue');
  assert.equal(await director.locator('#hours').innerText(), '6 h');
  await shots(director, 'request-letter-unread');
  // She opens it (the link, with her session): a PDF; then it is read, the icon gone.
  const letterHref = await letterList.getByRole('link').first().getAttribute('href');
  assert.match(letterHref, new RegExp(`^${requestUrl}/communications/\\d+$`));
  await expectPdf(director, letterHref, 'la lettre');
  await director.reload();
  assert.equal(await letterList.locator('.mes-unread').count(), 0);
  assert.match(await letterList.locator('.status-ok').innerText(), /Lue le .* par Isabelle Morin/);
  await axeCheck(director);
  await director.goto('/installations/20000001/mes?liste=conformes');
  assert.equal(await listRow(director, number).locator('.mes-letter').count(), 0);
  // The agent sees it read too.
  await agent.reload();
  assert.match(await agent.locator('#communications li').first().innerText(), /Lue le .* par Isabelle Morin/);

  for (const p of [editor, director, agent]) await p.context().close();
});

// ---- B: a renewal with changes, then a transfer -------------------------------------------

test('B: a renewal with changes at the same installation, then a transfer to another installation', async () => {
  assert.ok(journey.number, 'journey A must run first (the same file, the same server)');
  const Y = referenceYear();
  const yearText = `${Y}-${Y + 1}`;
  const { maelle } = journey;

  // The renewal: granted this reference year at this installation → only « avec changements ».
  const director = await suite.page({ viewport: DESKTOP });
  await signIn(director, 'E0000007', 'Mes-direction-2026');
  await find(director, '20000001', maelle);
  await director.locator('#prerequisites-met').waitFor();
  const why = await director.locator('#type-why').innerText();
  assert.match(why, new RegExp(`déjà été accordée à cet enfant à cette installation pour ${yearText}`));
  assert.match(why, /renouvellement avec changements/);
  const choices = director.locator('#type input[type=radio]');
  assert.equal(await choices.count(), 1);
  assert.equal(await director.getByLabel('Demande de renouvellement avec changements').isChecked(), true);
  assert.equal(await director.getByLabel('Nouvelle demande').count(), 0);
  await shots(director, 'renewal-type');
  await submitAndWait(director, director.getByRole('button', { name: 'Créer la demande' }));
  const renewalUrl = new URL(director.url()).pathname.replace(/\/sections\/situation$/, '');
  assert.notEqual(renewalUrl, journey.requestUrl);
  // It starts from the granted request's answers…
  assert.match(await director.getByLabel('Déficience', { exact: true }).inputValue(), /diagnostic posé/);
  // …and the hours granted before are shown beside the summary's.
  await director.goto(`${renewalUrl}/sections/summary`);
  assert.match(await director.locator('.facts').innerText(), /Heures accordées à la demande précédente\s*6\sh/);
  await director.goto(renewalUrl);
  assert.equal(await director.locator('#status').innerText(), 'Brouillon');
  assert.equal(await director.locator('#request-facts').getByText('Demande de renouvellement avec changements', { exact: true }).count(), 1);
  await shots(director, 'renewal-request');
  // Its documents: « Raison(s) justifiant… » required (and joined as the signed form too).
  await submitAndWait(director, director.locator('#documents'));
  const required = await director.locator('.mes-required').innerText();
  assert.match(required, /\*\s*Raison\(s\) justifiant le dépôt d'une demande de renouvellement avec changements/);
  assert.match(required, /doit être joint deux fois/);
  await axeCheck(director);

  // The transfer: Maëlle now also attends CPE Les Petits Pas — Charlesbourg (20000002), the same
  // provider's other installation. Its RSE records her dossier there on the form: an agreement
  // signed by the parent and an AISG (handicap) period, both covering today.
  const rse = await suite.page({ viewport: DESKTOP });
  await signIn(rse, 'E0000001', 'Rse-petits-pas-2026');
  await rse.goto('/installations/20000002/dossiers');
  await rse.getByRole('link', { name: 'Ajouter un dossier parent-enfant' }).click();
  await rse.getByRole('heading', { level: 1, name: 'Ajouter un dossier parent-enfant' }).waitFor();
  const kid = rse.getByRole('group', { name: "Identification de l'enfant" });
  await kid.getByLabel("Nom de l'enfant", { exact: true }).fill('Dufresne');
  await kid.getByLabel("Prénom de l'enfant", { exact: true }).fill('Maëlle');
  await kid.getByLabel('Sexe', { exact: true }).selectOption('F');
  await kid.getByLabel('Date de naissance', { exact: true }).fill(maelle.birth);
  await kid.getByRole('group', { name: 'Enfant né hors Québec' }).getByLabel('Oui', { exact: true }).check();
  const guardian = rse.getByRole('group', { name: 'Responsable', exact: true });
  await guardian.getByLabel('Nom', { exact: true }).fill('Dufresne');
  await guardian.getByLabel('Prénom', { exact: true }).fill('Chantal');
  await guardian.getByLabel('Rôle', { exact: true }).selectOption('mother');
  await rse.getByRole('combobox', { name: "Rechercher l'adresse" }).pressSequentially('1 rue des Patriotes');
  await rse.getByRole('listbox', { name: "Rechercher l'adresse" })
    .getByRole('option', { name: /rue des Patriotes/ }).first().click();
  const brackets = rse.getByRole('group', { name: "Tranches d'âge" });
  await brackets.getByLabel("Tranche d'âge", { exact: true }).selectOption('18-59');
  await brackets.getByLabel('En vigueur le', { exact: true }).fill(addMonths(maelle.birth, 18));
  const start = quebecDay(-30);
  // The handicap period (the form adds its row with a plain post, what was typed kept).
  await submitAndWait(rse, rse.getByRole('button', { name: 'Ajouter période handicap' }));
  const handicap = rse.getByRole('group', { name: 'Périodes de handicap' });
  await handicap.getByLabel('Date de début', { exact: true }).first().fill(start);
  const agreement = rse.getByRole('group', { name: 'Entente A1' });
  await agreement.getByLabel('Date de début', { exact: true }).fill(start);
  await agreement.getByLabel('Date de fin', { exact: true }).fill(quebecDay(200));
  await agreement.getByRole('group', { name: 'Signée par le parent' }).getByLabel('Oui', { exact: true }).check();
  await agreement.getByLabel('Horaire type', { exact: true }).selectOption({ label: 'Tous les jours de la semaine' });
  await agreement.getByRole('button', { name: "Appliquer l'horaire type" }).click();
  await submitAndWait(rse, rse.getByRole('button', { name: 'Enregistrer', exact: true }).last());
  await rse.getByRole('status').getByText('Le dossier est enregistré.').waitFor();

  // The RSE creates the request at 20000002: a transfer, proposed and explained.
  await find(rse, '20000002', maelle);
  await rse.locator('#prerequisites-met').waitFor();
  assert.match(await rse.locator('#type-why').innerText(),
    new RegExp(`accordée à cet enfant dans un autre service de garde ou une autre installation en ${yearText} : il s'agit d'une demande de transfert`));
  assert.equal(await rse.locator('#type input[type=radio]').count(), 1);
  assert.equal(await rse.getByLabel('Demande de transfert').isChecked(), true);
  await shots(rse, 'transfer-type');
  await submitAndWait(rse, rse.getByRole('button', { name: 'Créer la demande' }));
  assert.match(rse.url(), /\/installations\/20000002\/mes\/\d+\/sections\/situation$/);
  const transferUrl = new URL(rse.url()).pathname.replace(/\/sections\/situation$/, '');
  await rse.goto(transferUrl);
  assert.equal(await rse.locator('#status').innerText(), 'Brouillon');
  assert.equal(await rse.locator('#request-facts').getByText('Demande de transfert', { exact: true }).count(), 1);
  assert.match(await rse.locator('#request-facts').innerText(), /CPE Les Petits Pas — Charlesbourg/);
  await shots(rse, 'transfer-request');
  // In 20000002's drafts; not in 20000001's lists.
  await rse.goto('/installations/20000002/mes?liste=brouillons');
  assert.match(await rse.locator('#mes-requests tbody').innerText(), /Demande de transfert/);

  for (const p of [director, rse]) await p.context().close();
});

// The Portail's journey, part 2 (issue 15, "Done when" 1), on the demo data, one step after the
// other in a real browser:
// 1. the demo parent registers a new child, Rose, and chooses the demo CPE (20000001) and the
//    demo RSGE (40000001) from their fiches;
// 2. the CPE declares a free place that Rose is the one to be referred to: 18 to 59 months,
//    weekday evenings (no other child of the demo's réserve asks for evenings, so whatever
//    today's date, she alone fits); the referral runs on the declaration (--refer-every 0), the
//    parent sees the offer and accepts, the CPE admits Rose, opens her dossier form filled from
//    the family file, saves it, and the admission shows the dossier;
// 3. the RSGE admits Noah by his confirmation number and birth date, read on the parent's page,
//    and her BC confirms the admission;
// 4. the parent writes to the CPE about Rose; the CPE sees the unread count on its dashboard,
//    reads the thread and answers without JavaScript; the parent sees the count and reads it.
// The decisive steps (declare, accept, admit, confirm) are done without JavaScript; every screen
// passes axe at 1366×900 and the key ones at 390×844 too, with no horizontal scroll. Screenshots
// of every screen go to SGEE_SCREENSHOTS or /tmp/shots-journey.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/portail2_journey.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP, assertFitsWidth, axeCheck, bothSizes, newContext, screenshot, signIn,
  submitAndWait, tabTo, unreadMessages, useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true, serveArgs: ['--demo', '--refer-every', '0'] });
const SHOTS = { dir: process.env.SGEE_SCREENSHOTS || '/tmp/shots-journey' };
const CPE = '20000001';
const CPE_NAME = 'CPE Les Petits Pas — Limoilou';
const RSGE = '40000001';
const RSGE_NAME = 'Service de garde Marie Tremblay';
const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];

// Dates as the server counts them: Québec's calendar.
function quebecToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
}
function addDays(iso, n) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function monthsBefore(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - n, 1));
  first.setUTCDate(Math.min(d, 28));
  return first.toISOString().slice(0, 10);
}
const TODAY = quebecToday();
const PLACE_FROM = addDays(TODAY, 7);
const ROSE_BORN = monthsBefore(TODAY, 30);  // 30 months old when the place opens: 18 to 59 months

// The signed-in sessions, one sign-in per account (TOTP: at most two per 30 s), reused by the
// other contexts (phone, no JavaScript) through storageState.
const sessions = {};
async function session(login, password) {
  if (!sessions[login]) {
    const page = await suite.page({ viewport: DESKTOP });
    await signIn(page, login, password);
    sessions[login] = await page.context().storageState();
    return page;
  }
  return as(login);
}
async function as(login, options = {}) {
  const context = await newContext(suite.browser, suite.server.baseURL,
    { viewport: DESKTOP, storageState: sessions[login], ...options });
  return context.newPage();
}
const noScript = (login) => as(login, { javaScriptEnabled: false });

// Plain words where a person reads: no ISO dates or times, no age-group or state codes.
async function assertPlainWords(page) {
  const text = await page.locator('main').innerText();
  for (const [what, pattern] of [['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
    ['an ISO time', /\dT\d{2}:\d{2}/], ['an age-group code', /\b(0-17|18-59)\b/],
    ['a code', /\b[a-z]+_[a-z_]+\b/]]) {
    const found = text.match(pattern);
    assert.equal(found, null, `${page.url()} shows ${what}: ${found?.[0]}`);
  }
}

// Every screen: plain words, then both sizes (no horizontal scroll, axe, screenshots).
async function screens(page, name) {
  await assertPlainWords(page);
  await bothSizes(page, name, SHOTS);
}

// A page without JavaScript: it fits the width (axe needs scripts: the same screen is checked
// with them in the journey) and is photographed.
async function shotWithoutScript(page, name) {
  await assertPlainWords(page);
  await assertFitsWidth(page);
  await screenshot(page, `${name}-nojs`, SHOTS);
}

async function shot(page, name) {
  await assertPlainWords(page);
  await assertFitsWidth(page);
  await axeCheck(page);
  await screenshot(page, `${name}-desktop`, SHOTS);
}

// What the journey passes from one step to the next.
const rose = {};

test('1. the parent registers Rose and chooses the CPE and the RSGE', async () => {
  const page = await session('parent@example.test', 'Parent-demo-2026');
  await page.goto('/famille');
  await page.getByRole('heading', { level: 1, name: 'Mon dossier familial' }).waitFor();
  await screens(page, 'p1-family-file');
  await submitAndWait(page, page.getByRole('link', { name: 'Ajouter un enfant' }));
  await page.getByRole('heading', { level: 1, name: 'Inscrire un enfant' }).waitFor();
  await page.getByLabel('Nom de famille').fill('Bégin');
  await page.getByLabel('Prénom').fill('Rose');
  await page.getByLabel('Date de naissance').fill(ROSE_BORN);
  await page.getByLabel('Sexe').selectOption('F');
  await page.getByLabel("Date d'entrée souhaitée").fill(PLACE_FROM);
  for (const day of WEEKDAYS) {
    await page.getByLabel(`${day}, Soir P1`, { exact: true }).check();
    await page.getByLabel(`${day}, Soir P2`, { exact: true }).check();
  }
  await screens(page, 'p1-child-form');
  await submitAndWait(page, page.getByRole('button', { name: "Inscrire l'enfant" }));
  await page.getByText("L'enfant est inscrit.").waitFor();
  rose.number = (await page.locator('#confirmation-number').innerText()).trim();
  assert.match(rose.number, /^[0-9A-Z]{4,}$/);
  rose.page = new URL(page.url()).pathname;
  await screens(page, 'p1-child');

  // Her choices, from each provider's fiche: "Ajouter à mes choix".
  for (const [number, name] of [[CPE, CPE_NAME], [RSGE, RSGE_NAME]]) {
    await page.goto(`/milieux/${number}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await shot(page, `p1-fiche-${number}`);
    await submitAndWait(page, page.getByRole('button', { name: 'Ajouter à mes choix' }));
    await page.getByRole('heading', { level: 2, name }).waitFor();
    await page.getByRole('checkbox', { name: 'Rose Bégin', exact: true }).check();
    await shot(page, `p1-choose-${number}`);
    await submitAndWait(page, page.getByRole('button', { name: 'Enregistrer mes choix' }));
    await page.getByRole('status').getByText('Vos choix sont enregistrés.').waitFor();
  }
  await page.goto(rose.page);
  await page.locator('#choices').getByRole('heading', { level: 3, name: CPE_NAME }).waitFor();
  await page.locator('#choices').getByRole('heading', { level: 3, name: RSGE_NAME }).waitFor();
  await screens(page, 'p1-child-choices');
  await page.context().close();
});

test('2. the CPE declares an evening place, Rose is referred, the parent accepts, the CPE admits', async () => {
  const places = `/installations/${CPE}/places`;
  const cpe = await session('E0000001', 'Rse-petits-pas-2026');
  // Rose is in the CPE's réserve (by her number: names show once a child is referred).
  await cpe.goto(`/installations/${CPE}/reserve`);
  await cpe.locator('.reg-number', { hasText: rose.number }).waitFor();
  await screens(cpe, 'p2-reserve');
  await cpe.goto(places);
  await cpe.getByRole('heading', { level: 1, name: 'Places libres et propositions' }).waitFor();
  await screens(cpe, 'p2-places');
  // The keyboard's focus is visible on the form.
  await tabTo(cpe, '#age_group');
  await screenshot(cpe, 'p2-places-focus', { ...SHOTS, fullPage: false, showFocus: true });

  // Without JavaScript: the declaration.
  const plain = await noScript('E0000001');
  await plain.goto(places);
  await plain.getByLabel("Groupe d'âge").selectOption({ label: '18 à 59 mois' });
  await plain.getByLabel('Libre à compter du').fill(PLACE_FROM);
  for (const day of WEEKDAYS) {
    await plain.getByLabel(`${day}, Soir P1`, { exact: true }).check();
    await plain.getByLabel(`${day}, Soir P2`, { exact: true }).check();
  }
  assert.equal(await plain.getByLabel(/place de remplacement/).isChecked(), false);
  await plain.getByLabel("Nombre d'enfants proposés à la fois").fill('1');
  await shotWithoutScript(plain, 'p2-declare');
  await submitAndWait(plain, plain.getByRole('button', { name: 'Déclarer la place' }));
  await plain.getByText('La place libre est déclarée.', { exact: false }).waitFor();
  // The referral ran on the declaration: Rose, and no one else.
  const row = plain.locator('#open-places tr', { hasText: 'Rose Bégin' });
  await row.getByText('Proposé — en attente de la réponse de la famille').waitFor();
  assert.equal(await plain.locator('#open-places tbody tr').count(), 1, 'one child referred');
  await plain.locator('#open-places').getByText('du lundi au vendredi : Soir P1, Soir P2').waitFor();
  await shotWithoutScript(plain, 'p2-referred');
  await cpe.reload();
  await screens(cpe, 'p2-referred');

  // The parent: the offer among her places proposed, accepted without JavaScript.
  const parent = await as('parent@example.test');
  await parent.goto('/famille/propositions');
  const offer = parent.getByRole('link', { name: /Rose — CPE Les Petits Pas/ });
  await screens(parent, 'p2-offers');
  await submitAndWait(parent, offer);
  await parent.getByText('Une place est proposée pour Rose').waitFor();
  await screens(parent, 'p2-offer');
  const offerPath = new URL(parent.url()).pathname;
  const parentPlain = await noScript('parent@example.test');
  await parentPlain.goto(offerPath);
  await shotWithoutScript(parentPlain, 'p2-offer');
  await submitAndWait(parentPlain, parentPlain.getByRole('button', { name: 'Accepter la place' }));
  await parentPlain.getByText('Votre réponse est enregistrée.').waitFor();
  await parentPlain.getByText('Vous avez accepté').waitFor();
  await parent.reload();
  await screens(parent, 'p2-offer-accepted');

  // The CPE admits Rose, without JavaScript, on the planned date filled in.
  await plain.goto(places);
  await plain.locator('#open-places tr', { hasText: 'Rose Bégin' })
    .getByText('Accepté par la famille — en attente de votre décision').waitFor();
  await submitAndWait(plain, plain.getByRole('button', { name: 'Admettre : Rose Bégin' }));
  await plain.getByText("L'enfant est admis et la place est comblée.").waitFor();
  await plain.locator('#done-places').getByText('Rose Bégin — Admis').waitFor();
  await shotWithoutScript(plain, 'p2-admitted');
  await cpe.goto(places);
  await screens(cpe, 'p2-admitted');

  // Her dossier form, filled from the family file, saved.
  await cpe.goto(`/installations/${CPE}/admissions`);
  await screens(cpe, 'p2-admissions');
  await submitAndWait(cpe, cpe.getByRole('row', { name: /Rose Bégin/ })
    .getByRole('link', { name: /Créer le dossier/ }));
  await cpe.getByRole('heading', { level: 1, name: 'Ajouter un dossier parent-enfant' }).waitFor();
  const child = cpe.getByRole('group', { name: "Identification de l'enfant" });
  assert.equal(await child.getByLabel("Prénom de l'enfant", { exact: true }).inputValue(), 'Rose');
  assert.equal(await child.getByLabel("Nom de l'enfant", { exact: true }).inputValue(), 'Bégin');
  assert.equal(await child.getByLabel('Sexe', { exact: true }).inputValue(), 'F');
  const guardian = cpe.getByRole('group', { name: 'Responsable', exact: true });
  assert.equal(await guardian.getByLabel('Prénom', { exact: true }).inputValue(), 'André');
  const other = cpe.getByRole('group', { name: 'Autre responsable', exact: true });
  assert.equal(await other.getByLabel('Prénom', { exact: true }).inputValue(), 'Sophie');
  await screens(cpe, 'p2-dossier-form');
  // What the family file does not say: born in Québec or not, the guardians' roles, the end.
  await child.getByRole('group', { name: 'Enfant né hors Québec' }).getByLabel('Non', { exact: true }).check();
  await guardian.getByLabel('Rôle', { exact: true }).selectOption('father');
  await other.getByLabel('Rôle', { exact: true }).selectOption('mother');
  const agreement = cpe.getByRole('group', { name: 'Entente A1' });
  const start = await agreement.getByLabel('Date de début', { exact: true }).inputValue();
  assert.notEqual(start, '');
  await agreement.getByLabel('Date de fin', { exact: true }).fill(`${Number(start.slice(0, 4)) + 1}-06-30`);
  await submitAndWait(cpe, cpe.getByRole('button', { name: 'Enregistrer', exact: true }).last());
  const refused = cpe.locator('.alert-error#form-summary');
  if (await refused.count()) assert.fail(`not saved: ${await refused.innerText()}`);
  await cpe.getByRole('status').getByText('Le dossier est enregistré.').waitFor();
  await screens(cpe, 'p2-dossier-saved');
  await cpe.goto(`/installations/${CPE}/admissions`);
  await submitAndWait(cpe, cpe.getByRole('row', { name: /Rose Bégin/ })
    .getByRole('link', { name: /Voir le dossier/ }));
  await cpe.getByText('Rose').first().waitFor();
  await shot(cpe, 'p2-dossier');
  // The parent's page says Rose is admitted.
  await parent.goto('/famille/propositions');
  await parent.getByRole('link', { name: /Rose — CPE Les Petits Pas/ }).waitFor();
  await shot(parent, 'p2-offers-after');
  for (const p of [cpe, plain, parent, parentPlain]) await p.context().close();
});

test('3. the RSGE admits Noah by his confirmation number and birth date; her BC confirms', async () => {
  // What the parent reads on Noah's page.
  const parent = await as('parent@example.test');
  await parent.goto('/famille');
  await submitAndWait(parent, parent.getByRole('link', { name: /Noah/ }).first());
  const number = (await parent.locator('#confirmation-number').innerText()).trim();
  const birth = await parent.locator('#birth-date').getAttribute('datetime');
  assert.match(birth, /^\d{4}-\d{2}-\d{2}$/);
  await screens(parent, 'p3-noah');
  await parent.context().close();

  const rsge = await session('E0000005', 'Rsge-marie-2026');
  await rsge.goto(`/installations/${RSGE}/admissions`);
  await rsge.getByRole('heading', { level: 1, name: 'Admissions' }).waitFor();
  await screens(rsge, 'p3-rsge-admissions');
  await submitAndWait(rsge, rsge.getByRole('link', { name: 'Rechercher un enfant' }));
  await screens(rsge, 'p3-rsge-search');
  // Without JavaScript: the search and the admission.
  const plain = await noScript('E0000005');
  await plain.goto(new URL(rsge.url()).pathname);
  await plain.getByLabel("Numéro de confirmation d'inscription").fill(number);
  await plain.getByLabel("Date de naissance de l'enfant").fill(birth);
  await submitAndWait(plain, plain.getByRole('button', { name: 'Rechercher' }));
  await plain.getByRole('heading', { level: 1, name: /Admettre un enfant : Noah Bégin/ }).waitFor();
  await shotWithoutScript(plain, 'p3-rsge-admit');
  await plain.getByLabel("Date d'entrée prévue").fill(addDays(TODAY, 30));
  await submitAndWait(plain, plain.getByRole('button', { name: "Admettre l'enfant" }));
  await plain.getByRole('status').getByText("L'enfant est admis.").waitFor();
  assert.match(await plain.getByRole('row', { name: /Noah Bégin/ }).innerText(),
    /en attente de la confirmation du bureau coordonnateur/);
  await shotWithoutScript(plain, 'p3-rsge-admitted');
  await rsge.goto(`/installations/${RSGE}/admissions`);
  await screens(rsge, 'p3-rsge-admitted');
  // The same search page with scripts, on the admission form (then left).
  await rsge.goto(new URL(plain.url()).pathname);
  await plain.context().close();
  await rsge.context().close();

  const bc = await session('E0000004', 'Rse-bc-capitale-2026');
  await bc.goto('/tableau-de-bord');
  const section = bc.locator('#bc-30000001');
  await submitAndWait(bc, section.getByRole('link', { name: /admissions à confirmer/ }));
  await bc.getByRole('heading', { level: 1, name: 'Confirmer une admission' }).waitFor();
  await bc.getByRole('row', { name: /Noah Bégin/ }).waitFor();
  await screens(bc, 'p3-bc-admissions');
  const bcPlain = await noScript('E0000004');
  await bcPlain.goto(new URL(bc.url()).pathname + new URL(bc.url()).search);
  const row = bcPlain.locator('tr[data-admission]', { hasText: 'Noah Bégin' });
  assert.match(await row.innerText(), new RegExp(RSGE_NAME));
  await shotWithoutScript(bcPlain, 'p3-bc-confirm');
  await submitAndWait(bcPlain, row.getByRole('button', { name: /Confirmer l'admission/ }));
  await bcPlain.locator('#confirmed-notice').getByText(/L'admission est confirmée/).waitFor();
  assert.equal(await bcPlain.locator('tr[data-admission]', { hasText: 'Noah Bégin' }).count(), 0);
  await shotWithoutScript(bcPlain, 'p3-bc-confirmed');
  await submitAndWait(bc, bc.getByRole('link', { name: /Confirmées/ }));
  await bc.locator('tr[data-admission]', { hasText: 'Noah Bégin' }).getByText('Louise Bouchard').waitFor();
  await screens(bc, 'p3-bc-confirmed');
  await bcPlain.context().close();
  await bc.context().close();
});

// ---------------------------------------------------------------------------------------------
// 4. A message thread parent ↔ CPE about Rose (admitted there, so the CPE knows her): the CPE's
// dashboard counts the message, the thread is read (the count goes down), the answer is written
// without JavaScript and waits on the parent's dashboard until she reads it.
test('4. the parent writes to the CPE about Rose; the CPE sees the count, reads and answers', async () => {
  const parent = await as('parent@example.test');
  const cpe = await as('E0000001');
  const parentBefore = await unreadMessages(parent);
  const cpeBefore = await unreadMessages(cpe);

  await parent.goto(rose.page);
  await submitAndWait(parent, parent.getByRole('link', { name: `Écrire au service : ${CPE_NAME}` }));
  await screens(parent, 'p4-parent-write');
  await parent.getByLabel('Message', { exact: true })
    .fill('Bonjour,\nRose pourrait-elle commencer par des demi-journées la première semaine ?');
  await submitAndWait(parent, parent.getByRole('button', { name: 'Envoyer' }));
  await parent.locator('#sent-notice').waitFor();
  await parent.getByRole('heading', { level: 1, name: 'Demande de Rose Bégin' }).waitFor();
  await screens(parent, 'p4-parent-thread');

  // The CPE: one more unread message on its dashboard; the inbox marks the thread; reading it
  // takes the count back.
  assert.equal(await unreadMessages(cpe), cpeBefore + 1);
  await shot(cpe, 'p4-cpe-dashboard');
  await submitAndWait(cpe, cpe.locator('#messages').getByRole('link', { name: /messages non lus/ }));
  const thread = cpe.locator('.thread', { hasText: 'Demande de Rose Bégin' });
  assert.match(await thread.innerText(), /1 message non lu/);
  await screens(cpe, 'p4-cpe-inbox');
  await submitAndWait(cpe, thread.getByRole('link', { name: 'Demande de Rose Bégin' }));
  await cpe.getByText('demi-journées la première semaine').waitFor();
  await screens(cpe, 'p4-cpe-thread');
  const threadPath = new URL(cpe.url()).pathname;
  assert.equal(await unreadMessages(cpe), cpeBefore);

  // The answer, without JavaScript.
  const plain = await noScript('E0000001');
  await plain.goto(threadPath);
  await plain.getByLabel('Message', { exact: true }).fill('Bonjour,\nOui : du lundi au mercredi, le matin.');
  await submitAndWait(plain, plain.getByRole('button', { name: 'Envoyer' }));
  await plain.locator('#sent-notice').waitFor();
  await shotWithoutScript(plain, 'p4-cpe-answered');

  // The parent: the answer waits on her dashboard, then is read.
  assert.equal(await unreadMessages(parent), parentBefore + 1);
  await submitAndWait(parent, parent.locator('#messages').getByRole('link', { name: /messages non lus/ }));
  await submitAndWait(parent, parent.getByRole('link', { name: 'Demande de Rose Bégin' }));
  await parent.getByText('du lundi au mercredi, le matin.').waitFor();
  assert.equal(await unreadMessages(parent), parentBefore);
  for (const page of [parent, cpe, plain]) await page.context().close();
});

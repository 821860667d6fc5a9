// The occupation report in a real browser, on the demo data (issue 5): the RSE opens her
// installation's report from the dashboard, changes the range, downloads the CSV and the XLSX
// (both open, exceljs reads the workbook, and hold the totals the page shows), and opens a
// child's month from the dossier. Every screen passes axe.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  assertFitsWidth, axeCheck, screenshot, signIn, submitAndWait, useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true });

const SIZES = [{ width: 1366, height: 900, name: 'desktop' }, { width: 390, height: 844, name: 'phone' }];

// Only when asked (SGEE_SCREENSHOTS=docs/screenshots): docs/screenshots/occ-<what>-<size>.png.

// One sign-in per account for the whole file (each second-factor code works once): later pages
// open in new contexts with the signed-in cookies.
const signedIn = new Map();
async function pageAs(login, password, options = {}) {
  if (!signedIn.has(login)) {
    const first = await suite.page();
    await signIn(first, login, password);
    signedIn.set(login, await first.context().storageState());
    await first.context().close();
  }
  return suite.page({ ...options, storageState: signedIn.get(login) });
}


// "1 234,5" (the page's French) -> 1234.5
const number = (text) => Number(text.replace(/\s/g, '').replace(',', '.'));

test('the RSE reads the report, changes the range and downloads the same figures', async () => {
  const page = await pageAs('E0000001', 'Rse-petits-pas-2026');
  await page.goto('/tableau-de-bord');
  await page.getByRole('link', { name: 'Occupation — CPE Les Petits Pas — Limoilou' }).click();
  await page.getByRole('heading', { level: 1, name: 'Occupation' }).waitFor();
  await axeCheck(page);
  // The autumn of 2026.
  await page.getByLabel('Du', { exact: true }).fill('2026-09-01');
  await page.getByLabel('Au', { exact: true }).fill('2026-11-30');
  await submitAndWait(page, page.getByRole('button', { name: 'Afficher', exact: true }));
  await page.getByRole('heading', { name: 'Du 1er septembre 2026 au 30 novembre 2026' }).waitFor();
  const months = page.locator('#occupation-months tbody tr');
  assert.equal(await months.count(), 3);
  assert.match(await months.first().innerText(), /septembre 2026/);
  assert.ok(await page.getByRole('img', { name: /Jours d'occupation par mois/ }).isVisible());
  const open = number(await page.locator('#sum-open').innerText());
  const capacity = number(await page.locator('#sum-capacity').innerText());
  assert.ok(open > 0, 'occupation in the autumn');
  await axeCheck(page);

  // CSV (in French, as the page): the "Tous les âges" rows add up to the page's totals.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger (CSV)' }).click(),
  ]);
  assert.match(csvDownload.suggestedFilename(), /^occupation-20000001-2026-09-01-2026-11-30\.csv$/);
  const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split(/\r?\n/);
  const header = csv[0].split(',');
  const col = (name) => header.indexOf(name);
  let csvOpen = 0, csvCapacity = 0;
  for (const line of csv.slice(1)) {
    const f = line.split(',');
    if (f[col("Groupe d'âge")] === 'Tous les âges') {
      csvOpen += Number(f[col("Jours d'occupation")]);
      csvCapacity += Number(f[col('Capacité (jours)')]);
    }
  }
  assert.equal(csvOpen, open);
  assert.equal(csvCapacity, capacity);

  // XLSX: a workbook that opens, with the same totals.
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger (Excel)' }).click(),
  ]);
  assert.match(xlsxDownload.suggestedFilename(), /\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsxDownload.path());
  const sheet = workbook.getWorksheet('Occupation');
  assert.ok(sheet, 'the Occupation sheet');
  const heads = sheet.getRow(1).values;
  const ageCol = heads.indexOf("Groupe d'âge"), openCol = heads.indexOf("Jours d'occupation");
  const capCol = heads.indexOf('Capacité (jours)');
  let xlsxOpen = 0, xlsxCapacity = 0;
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(ageCol).value === 'Tous les âges') {
      xlsxOpen += row.getCell(openCol).value;
      xlsxCapacity += row.getCell(capCol).value ?? 0;
    }
  });
  assert.equal(xlsxOpen, open);
  assert.equal(xlsxCapacity, capacity);

  // The English workbook: English sheet names, headings and values, the same figures.
  const reply = await page.request.get('/installations/20000001/occupation.xlsx?du=2026-09-01&au=2026-11-30&lang=en');
  assert.equal(reply.status(), 200);
  const english = new ExcelJS.Workbook();
  await english.xlsx.load(await reply.body());
  assert.deepEqual(english.worksheets.map((w) => w.name), ['Occupation', 'Warnings OCC-05']);
  const en = english.getWorksheet('Occupation');
  const enHeads = en.getRow(1).values;
  const enAge = enHeads.indexOf('Age group'), enOpen = enHeads.indexOf('Occupation days');
  assert.ok(enAge > 0 && enOpen > 0 && enHeads.includes('Category (label)'), enHeads.join('|'));
  let enTotal = 0;
  en.eachRow((row, n) => {
    if (n > 1 && row.getCell(enAge).value === 'All ages') enTotal += row.getCell(enOpen).value;
  });
  assert.equal(enTotal, open);
});

test("the RSE opens a child's month from the dossier", async () => {
  const page = await pageAs('E0000001', 'Rse-petits-pas-2026');
  await page.goto('/installations/20000001/dossiers?tranche=18-59');
  await page.locator('table tbody tr a').first().click();
  await page.getByRole('link', { name: 'Occupation du mois (calendrier)' }).click();
  await page.getByRole('heading', { level: 1, name: /Occupation du mois/ }).waitFor();
  const calendar = page.getByRole('table', { name: /\d{4}$/ });
  await calendar.waitFor();
  assert.equal(await calendar.locator('thead th').count(), 7);
  assert.ok(await page.getByRole('button', { name: 'Imprimer' }).isVisible(), 'printable');
  await axeCheck(page);
  // The next month, and back.
  const caption = await calendar.locator('caption').innerText();
  await page.getByRole('link', { name: / →$/ }).click();
  await page.waitForURL(/mois=\d{4}-\d{2}$/);
  assert.notEqual(await page.locator('#child-month caption').innerText(), caption);
  const planned = number(await page.locator('#child-planned').innerText());
  const halves = await page.locator('#child-month li.half').count();
  assert.equal(planned, halves / 2, 'each planned half-period is half a day');
  await axeCheck(page);
});

test('the RSE adds and removes a closing day from the calendar with the keyboard only', async () => {
  const page = await pageAs('E0000001', 'Rse-petits-pas-2026', { viewport: SIZES[0] });
  await page.goto('/installations/20000001/fermetures?annee=2027&mois=2027-07');
  const calendar = page.getByRole('table', { name: 'juillet 2027' });
  await calendar.waitFor();
  assert.equal(await calendar.locator('thead th').count(), 7);
  assert.equal(await calendar.locator('thead th').first().innerText(), 'Lun.');
  await axeCheck(page);
  // From the previous link, Tab reaches the days' + links in order: 1 July 2027 is a Thursday.
  await page.locator('#next-month').focus();
  let name = '';
  for (let i = 0; i < 60 && !name.includes('vendredi 2 juillet 2027'); i++) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(() => {
      const e = document.activeElement;
      return e?.tagName === 'A' ? e.innerText : '';
    });
  }
  assert.match(name, /Ajouter une fermeture le vendredi 2 juillet 2027/);
  await Promise.all([page.waitForURL(/date=2027-07-02/), page.keyboard.press('Enter')]);
  assert.equal(await page.getByLabel('Date', { exact: true }).inputValue(), '2027-07-02');
  await page.getByLabel('Raison').focus();
  await page.keyboard.press('Tab'); // the add button
  await Promise.all([page.waitForURL(/enregistre=1/), page.keyboard.press('Enter')]);
  await page.getByRole('status').getByText('Les jours de fermeture sont enregistrés.').waitFor();
  const day = page.locator('#closing-calendar td[data-date="2027-07-02"]');
  assert.match(await day.innerText(), /Fermé/);
  assert.match(await page.locator('#month-days').innerText(), /vendredi 2 juillet 2027/);
  await axeCheck(page);
  // Remove it from the month's list.
  const remove = page.locator('#month-days').getByRole('button', { name: /Retirer vendredi 2 juillet 2027/ });
  await remove.focus();
  await page.keyboard.press('Enter');
  // It asks first (a dialog, focus on Cancel); the keyboard moves to the yes button.
  const dialog = page.getByRole('dialog', { name: /Voulez-vous vraiment retirer ce jour de fermeture/ });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Retirer le jour de fermeture' }).focus();
  // The answer comes back to the same address as the add did: wait for the new page's load.
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await page.getByRole('status').waitFor();
  assert.doesNotMatch(await day.innerText(), /Fermé/);
});

test('without JavaScript, the calendar adds and removes a day and fits a phone', async () => {
  const size = SIZES[1];
  const page = await pageAs('E0000001', 'Rse-petits-pas-2026', { viewport: size, javaScriptEnabled: false });
  await page.goto('/installations/20000001/fermetures?annee=2027&mois=2027-12');
  await submitAndWait(page, page.getByRole('button', { name: 'Importer les jours fériés du Québec' }));
  const christmas = page.locator('#closing-calendar td[data-date="2027-12-25"]');
  assert.match(await christmas.innerText(), /Fermé/);
  assert.match(await page.locator('#month-days').innerText(), /samedi 25 décembre 2027 — Noël/);
  await assertFitsWidth(page); // axe needs JavaScript: the phone-size test below runs it
  await screenshot(page, `occ-calendar-${size.name}`);
  await page.locator('#closing-calendar td[data-date="2027-12-27"] a.day-add').click();
  await page.waitForURL(/date=2027-12-27/);
  await submitAndWait(page, page.getByRole('button', { name: 'Ajouter', exact: true }));
  assert.match(await page.locator('#closing-calendar td[data-date="2027-12-27"]').innerText(), /Fermé/);
  await submitAndWait(page, page.locator('#month-days').getByRole('button', { name: /lundi 27 décembre 2027/ }));
  // Without JavaScript the server asks on a page of its own.
  await page.getByText('Voulez-vous vraiment retirer ce jour de fermeture ?').waitFor();
  await submitAndWait(page, page.getByRole('button', { name: 'Retirer le jour de fermeture' }));
  assert.doesNotMatch(await page.locator('#closing-calendar td[data-date="2027-12-27"]').innerText(), /Fermé/);
  await assertFitsWidth(page);
});

for (const size of SIZES) {
  test(`occupation screens fit ${size.width} px and pass axe (${size.name})`, async () => {
    const page = await pageAs('E0000001', 'Rse-petits-pas-2026', { viewport: size });
    await page.goto('/installations/20000001/fermetures?annee=2026&mois=2026-12');
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `occ-calendar-month-${size.name}`);
    await page.goto('/installations/20000001/occupation?du=2026-09-01&au=2026-11-30');
    await page.getByRole('heading', { name: 'Du 1er septembre 2026 au 30 novembre 2026' }).waitFor();
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `occ-report-${size.name}`);
    // A child of the demo with occupation in October 2026, from the dossier list.
    await page.goto('/installations/20000001/dossiers?tranche=18-59');
    const hrefs = await page.locator('table tbody tr a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      await page.goto(`${href}/occupation?mois=2026-10`);
      if (await page.locator('#child-month li.half').count() > 0) break;
    }
    await page.getByRole('heading', { name: 'Légende' }).waitFor();
    assert.ok(await page.locator('#child-month li.half').count() > 0, 'a child planned in October');
    await assertFitsWidth(page);
    await axeCheck(page);
    await screenshot(page, `occ-child-month-${size.name}`);

    const ministry = await pageAs('M0000001', 'Ministere-demo-2026', { viewport: size });
    await ministry.goto('/ministere/occupation?du=2026-09-01&au=2026-11-30');
    await assertFitsWidth(ministry);
    await axeCheck(ministry);
    await screenshot(ministry, `occ-network-${size.name}`);
    // Drill down: a region, then a provider, the range kept.
    await ministry.getByRole('link', { name: /^03 Capitale-Nationale/ }).first().click();
    await ministry.getByRole('heading', { level: 1, name: /région 03 Capitale-Nationale/ }).waitFor();
    assert.match(ministry.url(), /du=2026-09-01&au=2026-11-30&region=03/);
    await assertFitsWidth(ministry);
    await axeCheck(ministry);
    await screenshot(ministry, `occ-network-region-${size.name}`);
    if (size.name === 'desktop') {
      // The region's workbook, as the page shows it.
      const [download] = await Promise.all([
        ministry.waitForEvent('download'),
        ministry.getByRole('link', { name: 'Télécharger (Excel)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^occupation-reseau-03-2026-09-01-2026-11-30\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.getWorksheet('Réseau');
      assert.ok(sheet, 'the Réseau sheet');
      assert.deepEqual(sheet.getRow(1).values.slice(1, 4), ['Organisation', 'Nom', 'Type de service']);
      const rows = await ministry.locator('#network tbody tr').count();
      assert.equal(sheet.rowCount, rows + 2, 'the heading, each provider and the total');
    }
    await ministry.locator('#network tbody th a').first().click();
    await ministry.waitForURL(/service=/);
    assert.equal(await ministry.locator('#network tbody tr').count(), 3, 'three months');
    await assertFitsWidth(ministry);
    await axeCheck(ministry);
    await screenshot(ministry, `occ-network-provider-${size.name}`);
    await ministry.getByRole('navigation', { name: 'Niveau' }).getByRole('link', { name: 'Réseau' }).click();
    await ministry.getByRole('heading', { level: 1, name: 'Occupation du réseau' }).waitFor();
  });
}

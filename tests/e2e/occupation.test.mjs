// The occupation report in a real browser, on the demo data (issue 5): the RSE opens her
// installation's report from the dashboard, changes the range, downloads the CSV and the XLSX
// (both open, exceljs reads the workbook, and hold the totals the page shows), and opens a
// child's month from the dossier. Every screen passes axe.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { axeCheck, signIn, submitAndWait, useSuite } from './harness.mjs';

const suite = useSuite({ seedDemo: true });

// "1 234,5" (the page's French) -> 1234.5
const number = (text) => Number(text.replace(/\s/g, '').replace(',', '.'));

test('the RSE reads the report, changes the range and downloads the same figures', async () => {
  const page = await suite.page();
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.getByRole('link', { name: 'Occupation — CPE Les Petits Pas — Limoilou' }).click();
  await page.getByRole('heading', { level: 1, name: 'Occupation' }).waitFor();
  await axeCheck(page);
  // The autumn of 2026.
  await page.getByLabel('Du', { exact: true }).fill('2026-09-01');
  await page.getByLabel('Au', { exact: true }).fill('2026-11-30');
  await submitAndWait(page, page.getByRole('button', { name: 'Afficher', exact: true }));
  await page.getByRole('heading', { name: /2026-09-01 – 2026-11-30/ }).waitFor();
  const months = page.locator('#occupation-months tbody tr');
  assert.equal(await months.count(), 3);
  assert.match(await months.first().innerText(), /septembre 2026/);
  assert.ok(await page.getByRole('img', { name: /Jours d'occupation par mois/ }).isVisible());
  const open = number(await page.locator('#sum-open').innerText());
  const capacity = number(await page.locator('#sum-capacity').innerText());
  assert.ok(open > 0, 'occupation in the autumn');
  await axeCheck(page);

  // CSV: the "all, total" rows add up to the page's totals.
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
    if (f[col('age_group')] === 'all') {
      csvOpen += Number(f[col('open_days')]);
      csvCapacity += Number(f[col('capacity_days')]);
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
    if (n > 1 && row.getCell(ageCol).value === 'all') {
      xlsxOpen += row.getCell(openCol).value;
      xlsxCapacity += row.getCell(capCol).value ?? 0;
    }
  });
  assert.equal(xlsxOpen, open);
  assert.equal(xlsxCapacity, capacity);
});

test("the RSE opens a child's month from the dossier", async () => {
  const page = await suite.page();
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
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

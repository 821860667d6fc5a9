// MES attachments in a real browser (MES-07, seed 000 §5.2; issue 16): the CPE's RSE opens a
// draft request's « Documents à joindre » page, sees the required natures starred, attaches a PDF
// with the keyboard and sees it listed; a text file named .pdf is refused with the reason, naming
// the field. axe on every page, at 1366 and 390 px; screenshots in $SGEE_SCREENSHOTS
// when set. The request row is inserted in SQL (its creation pages are another part).
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/mes_documents.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  DESKTOP, PHONE, assertFitsWidth, axeCheck, screenshot as shoot, signIn, submitAndWait, useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const execFileP = promisify(execFile);
const SHOTS = {}; // screenshots only when SGEE_SCREENSHOTS names a folder (harness.mjs)
const screenshot = (page, name) => shoot(page, `mes-docs-${name}`, SHOTS);

async function sql(statement) {
  const url = suite.server.dbURL;
  const { stdout } = url.startsWith('sqlite:')
    ? await execFileP('sqlite3', [url.slice('sqlite:'.length), statement])
    : await execFileP('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
  return stdout.trim();
}

// A small valid one-page PDF, its objects by hand with a correct cross-reference table.
function onePagePdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
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
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function draftRequest() {
  await sql(`INSERT INTO mes_requests (number, organization_id, provider_kind, child_id, type,
      status, reference_year, answers, created_at, updated_at)
    SELECT 'MES-2026-000777', o.id, 'cpe', (SELECT MIN(id) FROM portail_children), 'new',
      'brouillon', 2026, '{}', '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z'
    FROM organizations o WHERE o.number = '20000001'`);
  return sql(`SELECT id FROM mes_requests WHERE number = 'MES-2026-000777'`);
}

test('the RSE attaches a PDF to a draft and sees it listed; a text file named .pdf is refused', async () => {
  const id = await draftRequest();
  const url = `/installations/20000001/mes/${id}/documents`;
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'E0000001', 'Rse-petits-pas-2026');
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Documents à joindre — demande MES-2026-000777' }).waitFor();
  assert.match(await page.locator('.mes-required').innerText(), /\*\s*Formulaire de demande signé/);
  await page.locator('#no-attachment').waitFor();
  await axeCheck(page);
  await screenshot(page, 'empty');

  // A text file named .pdf: refused, naming the field, nothing listed.
  await page.getByLabel('Nature du document').selectOption('signed_form');
  await page.setInputFiles('#fichier', {
    name: 'formulaire.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Bonjour, ceci est un texte.\n'),
  });
  await submitAndWait(page, page.getByRole('button', { name: 'Joindre le document' }));
  await page.locator('#form-summary').waitFor();
  assert.match(await page.locator('#form-summary').innerText(),
    /Fichier PDF : Ce fichier n'est pas un PDF\. Seuls les fichiers PDF sont acceptés/);
  assert.equal(await page.locator('#fichier').getAttribute('aria-invalid'), 'true');
  await page.locator('#no-attachment').waitFor();
  await axeCheck(page);
  await screenshot(page, 'refused');

  // A real PDF, with the keyboard: listed with its nature and pages.
  await page.getByLabel('Nature du document').focus();
  await page.getByLabel('Nature du document').selectOption('signed_form');
  await page.setInputFiles('#fichier', {
    name: 'Formulaire signé.pdf', mimeType: 'application/pdf', buffer: onePagePdf(),
  });
  await page.getByRole('button', { name: 'Joindre le document' }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.locator('#added-notice').waitFor();
  const row = page.locator('table.mes-attachments tbody tr').first();
  assert.match(await row.innerText(), /Formulaire de demande signé/);
  assert.match(await row.innerText(), /Formulaire signé\.pdf/);
  assert.match(await row.innerText(), /1 page/);
  await axeCheck(page);
  await assertFitsWidth(page);
  await screenshot(page, 'listed');

  // The download is the same bytes.
  const href = await row.getByRole('link', { name: 'Formulaire signé.pdf' }).getAttribute('href');
  const res = await page.request.get(href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.deepEqual(Buffer.from(await res.body()), onePagePdf());

  // On a phone.
  await page.setViewportSize(PHONE);
  await page.goto(url);
  await page.locator('table.mes-attachments').waitFor();
  await axeCheck(page);
  await assertFitsWidth(page);
  await screenshot(page, 'phone');
});

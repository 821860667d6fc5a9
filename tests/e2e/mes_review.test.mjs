// The ministry's MES review in a real browser (issue 16; MES-10): the demo agent opens the queue
// (generated transmitted requests: `sgee generate mes`), filters it to « Transmise », opens the
// oldest request, comments two sections with the keyboard, sends the comments: the request is in
// « Commentaires » and the comments are marked sent. axe on every page, at 1366 and 390 px;
// screenshots in $SGEE_SCREENSHOTS when set.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/mes_review.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  DESKTOP, PHONE, assertFitsWidth, axeCheck, repoRoot, screenshot as shoot, signIn, submitAndWait,
  useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const SHOTS = {}; // screenshots only when SGEE_SCREENSHOTS names a folder (harness.mjs)
const screenshot = (page, name) => shoot(page, `mes-review-${name}`, SHOTS);

test('the agent filters the queue, comments two sections and sends the comments', async () => {
  const bin = path.resolve(repoRoot, process.env.SGEE_BINARY || 'build/sgee');
  execFileSync(bin, ['generate', 'mes', '12', '--seed', '3', '--db', suite.server.dbURL]);
  const page = await suite.page({ viewport: DESKTOP });
  await signIn(page, 'M0000001', 'Ministere-demo-2026');
  await page.goto('/ministere/mes');
  await page.getByRole('heading', { level: 1, name: 'Demandes MES à analyser' }).waitFor();
  assert.match(await page.locator('#mes-count').innerText(), /^12 demandes$/);
  await axeCheck(page);
  await assertFitsWidth(page);
  await screenshot(page, 'queue');

  // Filter with the keyboard-reachable form: status « Transmise ».
  await page.getByLabel('Statut', { exact: true }).selectOption('transmise');
  await submitAndWait(page, page.getByRole('button', { name: 'Filtrer' }));
  assert.match(page.url(), /statut=transmise/);
  const rows = page.locator('#mes-queue tbody tr');
  assert.ok(await rows.count() >= 1);
  for (const text of await rows.allInnerTexts()) assert.match(text, /Transmise/);
  await submitAndWait(page, rows.first().getByRole('link'));
  await page.getByRole('heading', { level: 1, name: /^Demande MES-/ }).waitFor();
  assert.equal(await page.locator('#status').innerText(), 'Transmise');
  await axeCheck(page);
  await screenshot(page, 'review');

  // Two sections commented.
  for (const [section, text] of [['situation', 'Précisez la déficience observée.'],
    ['typical_day', 'Le moment du repas est-il une transition ?']]) {
    const box = page.locator(`#comment-${section}`);
    await box.focus();
    await page.keyboard.type(text);
    await submitAndWait(page, page.locator(`#section-${section}`).getByRole('button', { name: 'Ajouter le commentaire' }));
    assert.match(await page.locator(`#section-${section} .mes-comment-draft`).innerText(), new RegExp(text.slice(0, 20)));
  }
  await axeCheck(page);
  await submitAndWait(page, page.getByRole('button', { name: 'Envoyer les commentaires' }));
  await page.locator('#sent-notice').waitFor();
  assert.equal(await page.locator('#status').innerText(), 'Commentaires');
  assert.match(await page.locator('#section-situation .mes-comment').innerText(), /Envoyé le/);
  assert.equal(await page.getByRole('button', { name: 'Ajouter le commentaire' }).count(), 0);
  await axeCheck(page);
  await screenshot(page, 'sent');

  // The phone size: the review page fits.
  await page.setViewportSize(PHONE);
  await assertFitsWidth(page);
  await screenshot(page, 'sent-phone');
});

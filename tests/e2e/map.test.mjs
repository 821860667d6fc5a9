// The public map (/carte, issue 14) in a real browser, without signing in, on providers made by
// `sgee generate --providers` (towns of the 17 regions): a search 5 km around an address of the
// reference, the filter "Soir", a marker opened from the keyboard and its "Détails et admission"
// link to the fiche; the same search as a plain list without JavaScript; keyboard only; axe on
// every screen; 1366 and 390 px wide. With SGEE_SCREENSHOTS=docs/screenshots it takes
// docs/screenshots/map-*.png.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/map.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  assertFitsWidth, axeCheck, repoRoot, screenshot, submitAndWait, useSuite,
} from './harness.mjs';

const execFileP = promisify(execFile);
const suite = useSuite();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
// A town centre of the generated address reference (src/portail/search_generate.cpp).
const ADDRESS = "1 rue de l'Hôtel-de-Ville, Québec G1R 1A1";

// The providers: 2,000 across the province (about 220 in and around Québec), once.
let generated;
const generate = () => (generated ??= (async () => {
  const bin = path.resolve(repoRoot, process.env.SGEE_BINARY || 'build/sgee');
  await execFileP(bin, ['generate', '--providers', '2000', '--children', '0', '--seed', '7',
    '--db', suite.server.dbURL], { timeout: 120_000 });
})());



const distances = async (page) => (await page.locator('.map-kind .nowrap').allInnerTexts())
  .map((t) => Number(t.replace(' km', '').replace(',', '.')));

test('search 5 km around an address, filter "Soir", open a marker, follow "Détails et admission"', async () => {
  await generate();
  const page = await suite.page({ viewport: DESKTOP });
  await page.goto('/carte');
  await page.getByRole('heading', { level: 1, name: 'Carte des services de garde' }).waitFor();
  await axeCheck(page);
  await page.getByLabel('Adresse ou code postal').fill(ADDRESS);
  await page.getByLabel('Distance maximale (km)').fill('5');
  await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
  await page.getByRole('heading', { name: 'Résultats', exact: true }).waitFor();
  const all = await page.locator('.map-item').count();
  assert.ok(all > 0, 'providers around Québec');
  const d = await distances(page);
  assert.deepEqual(d, [...d].sort((a, b) => a - b), 'nearest first');
  assert.ok(d.every((km) => km <= 5), d.join(', '));
  // The map: no tiles configured, it says so; one marker per result of the page.
  await page.locator('#map-no-tiles').waitFor();
  assert.equal(await page.locator('.leaflet-marker-icon').count(), all);
  await axeCheck(page);
  await screenshot(page, 'map-results-desktop', { fullPage: false });

  // The filter "Soir" (in the filters' disclosure).
  await page.getByText('Filtres').click();
  await page.getByLabel('Soir').check();
  await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
  const evening = await page.locator('.map-item').count();
  assert.ok(evening > 0 && evening < all, `${evening} of ${all} offer evenings`);
  assert.ok(page.url().includes('period=evening'));
  await axeCheck(page);

  // A marker from the keyboard: Tab to it, Enter opens its key facts and the link.
  const marker = page.locator('.leaflet-marker-icon').first();
  await marker.focus();
  await page.keyboard.press('Enter');
  const popup = page.locator('.leaflet-popup-content');
  await popup.waitFor();
  const name = await marker.getAttribute('title');
  assert.ok((await popup.innerText()).includes(name));
  const details = popup.getByRole('link', { name: 'Détails et admission' });
  const href = await details.getAttribute('href');
  assert.match(href, /^\/milieux\/\d{8}$/);
  await screenshot(page, 'map-marker-desktop', { fullPage: false });
  // Followed from the keyboard too: a click could land while the popup still pans into view.
  await details.focus();
  await Promise.all([page.waitForURL(`**${href}`), page.keyboard.press('Enter')]);
});

test('without JavaScript the map page is a plain list, paged; at 390 px it fits', async () => {
  await generate();
  const page = await suite.page({ viewport: PHONE, javaScriptEnabled: false });
  await page.goto('/carte');
  await assertFitsWidth(page);
  await screenshot(page, 'map-form-phone', { fullPage: false });
  await page.getByLabel('Adresse ou code postal').fill('G1R 1A1');
  await page.getByLabel('Distance maximale (km)').fill('20');
  await submitAndWait(page, page.getByRole('button', { name: 'Rechercher' }));
  assert.equal(await page.locator('#map-area').isVisible(), false, 'no map without JavaScript');
  assert.equal(await page.locator('.map-item').count(), 20, 'a page of 20');
  await assertFitsWidth(page);
  await screenshot(page, 'map-results-phone', { fullPage: false });
  const first = await page.locator('.map-item h3').first().innerText();
  await page.getByRole('navigation', { name: 'Pages de la liste' }).getByRole('link', { name: 'Suivante ›' }).click();
  await page.waitForLoadState('load');
  assert.ok(page.url().includes('page=2'));
  assert.notEqual(await page.locator('.map-item h3').first().innerText(), first);
  // A bad radius: the message names the field and leads to it.
  await page.goto('/carte?near=G1R+1A1&radius_km=51');
  await page.getByRole('alert').getByText('Distance maximale : un nombre entier de 1 à 50 km.').waitFor();
  // The same screens with JavaScript at 390 px (axe runs in the page): they fit and pass axe, the
  // map below the list.
  const js = await suite.page({ viewport: PHONE });
  for (const url of ['/carte', '/carte?near=G1R+1A1&radius_km=20', '/carte?near=G1R+1A1&radius_km=51']) {
    await js.goto(url);
    await assertFitsWidth(js);
    await axeCheck(js);
  }
  await js.goto('/carte?near=G1R+1A1&radius_km=5');
  await js.locator('#map').scrollIntoViewIfNeeded();
  await screenshot(js, 'map-map-phone', { fullPage: false });
});

test('keyboard only: the form, the results and the markers', async () => {
  await generate();
  const page = await suite.page({ viewport: DESKTOP });
  await page.goto('/carte');
  await page.getByLabel('Adresse ou code postal').focus();
  await page.keyboard.type(ADDRESS);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5');
  await Promise.all([page.waitForURL(/near=/), page.keyboard.press('Enter')]);
  await page.getByRole('heading', { name: 'Résultats', exact: true }).waitFor();
  // Tab goes through the results' links, then reaches the map's markers.
  let reachedMarker = false;
  for (let i = 0; i < 200 && !reachedMarker; i++) {
    await page.keyboard.press('Tab');
    reachedMarker = await page.evaluate(() =>
      document.activeElement?.classList.contains('leaflet-marker-icon') ?? false);
  }
  assert.ok(reachedMarker, 'a marker takes the focus');
  await page.keyboard.press('Enter');
  await page.locator('.leaflet-popup-content').waitFor();
  // In English too.
  await page.goto('/carte?near=G1R+1A1&radius_km=5&lang=en');
  await page.getByRole('heading', { level: 1, name: 'Map of childcare services' }).waitFor();
  await page.getByText('No background map is configured', { exact: false }).waitFor();
  await axeCheck(page);
});

// Smoke tests of the public pages in a real browser: languages, navigation, error page,
// stylesheet, keyboard access, accessibility (axe-core) and a phone-width layout.
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { axeCheck, repoRoot, useSuite } from './harness.mjs';

const FR_TITLE = "Les services de garde éducatifs à l'enfance, en ligne";
const EN_TITLE = 'Educational childcare services, online';
const HEADER_BLUE = 'rgb(9, 87, 151)';

const suite = useSuite();

// A fresh page in a new cookie-less context, closed with the browser at the latest.
const freshPage = (options) => suite.page(options);

async function open(page, url, status = 200) {
  const response = await page.goto(url);
  assert.ok(response, `no response for ${url}`);
  assert.equal(response.status(), status, `status of ${url}`);
  return response;
}

const lang = (page) => page.locator('html').getAttribute('lang');
const h1 = (page) => page.locator('h1').innerText();

async function expectHome(page, language) {
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await lang(page), language);
  assert.equal(await h1(page), language === 'fr' ? FR_TITLE : EN_TITLE);
}

async function axe(t, page) {
  const { minor, report } = await axeCheck(page);
  if (minor.length) t.diagnostic(`axe, minor/moderate on ${page.url()}:\n${report}`);
}

test('home page: French by default, language switch, choice kept by cookie', async (t) => {
  t.diagnostic(`sgee on ${suite.server.engine} (${suite.server.dbURL}) at ${suite.server.baseURL}`);
  const page = await freshPage();
  await open(page, '/');
  await expectHome(page, 'fr');

  const toEnglish = page.locator('.lang-switch');
  assert.equal((await toEnglish.innerText()).trim(), 'English');
  await Promise.all([page.waitForURL((u) => u.searchParams.get('lang') === 'en'), toEnglish.click()]);
  await expectHome(page, 'en');

  await open(page, '/');
  await expectHome(page, 'en');

  const toFrench = page.locator('.lang-switch');
  assert.equal((await toFrench.innerText()).trim(), 'Français');
  await Promise.all([page.waitForURL((u) => u.searchParams.get('lang') === 'fr'), toFrench.click()]);
  await expectHome(page, 'fr');

  await open(page, '/');
  await expectHome(page, 'fr');
});

test('first visit: language from the browser (Accept-Language), French otherwise', async () => {
  for (const [locale, expected] of [['en-CA', 'en'], ['en-US', 'en'], ['fr-FR', 'fr'], ['de-DE', 'fr']]) {
    const page = await freshPage({ locale });
    await open(page, '/');
    assert.equal(await lang(page), expected, `lang of the home page for a ${locale} browser`);
    assert.equal(await h1(page), expected === 'fr' ? FR_TITLE : EN_TITLE);
  }
});

test('the sign-in link of the home page leads to /connexion', async () => {
  const page = await freshPage();
  await open(page, '/');
  const link = page.getByRole('link', { name: 'Se connecter' });
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/connexion'),
    link.click(),
  ]);
  assert.equal(response.status(), 200);
  await page.waitForURL((u) => u.pathname === '/connexion');
  assert.equal(await lang(page), 'fr');
  assert.equal(await h1(page), 'Connexion');
});

test('unknown URL: 404 page titled in the current language', async () => {
  const page = await freshPage();
  await open(page, '/pas-de-telle-page', 404);
  assert.equal(await lang(page), 'fr');
  assert.equal(await h1(page), 'Page introuvable');

  await open(page, '/?lang=en');
  await open(page, '/no-such-page', 404);
  assert.equal(await lang(page), 'en');
  assert.equal(await h1(page), 'Page not found');
});

test('the stylesheet loads: blue site header', async () => {
  const page = await freshPage();
  const cssResponses = [];
  page.on('response', (r) => { if (r.request().resourceType() === 'stylesheet') cssResponses.push(r); });
  await open(page, '/');
  assert.ok(cssResponses.length > 0, 'no stylesheet was requested');
  for (const r of cssResponses) assert.equal(r.status(), 200, `status of ${r.url()}`);
  const background = await page.locator('.site-header')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(background, HEADER_BLUE);
});

test('keyboard: the first Tab focuses the skip link, which leads to the main content', async () => {
  const page = await freshPage();
  await open(page, '/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    cls: document.activeElement?.className,
    href: document.activeElement?.getAttribute('href'),
    text: document.activeElement?.textContent.trim(),
  }));
  assert.deepEqual(focused, { cls: 'skip-link', href: '#contenu', text: 'Passer au contenu' });
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0 && box.y >= 0 && box.y < 800,
    `the focused skip link is not visible in the viewport: ${JSON.stringify(box)}`);

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'contenu');
});

for (const [name, url, status] of [
  ['home page, French', '/', 200],
  ['home page, English', '/?lang=en', 200],
  ['sign-in page', '/connexion', 200],
  ['sign-in page, English', '/connexion?lang=en', 200],
  ['404 page', '/pas-de-telle-page', 404],
  ['404 page, English', '/no-such-page?lang=en', 404],
]) {
  test(`axe (WCAG 2.1 AA): no serious or critical violation on the ${name}`, async (t) => {
    const page = await freshPage();
    await open(page, url, status);
    await axe(t, page);
  });
}

test('phone width (390x844): no horizontal scrollbar', async () => {
  const page = await freshPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const overflows = [];
  for (const [url, status] of [['/', 200], ['/?lang=en', 200], ['/connexion', 200],
    ['/no-such-page', 404], ['/?lang=fr', 200], ['/connexion', 200], ['/no-such-page', 404]]) {
    await open(page, url, status);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    if (scrollWidth > clientWidth) overflows.push(`${url} (${await lang(page)}): ${scrollWidth} > ${clientWidth}`);
  }
  assert.deepEqual(overflows, [], 'pages wider than the phone screen');
});

test('screenshot of the home page at desktop width', async () => {
  const page = await freshPage({ viewport: { width: 1280, height: 800 } });
  await open(page, '/');
  const dir = path.join(repoRoot, 'build/screenshots');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'home.png'), fullPage: true });
});

// `.wrap` sets only the inline padding, so <main class="wrap"> keeps its own top and bottom space.
test('the main content is spaced from the header and the footer', async () => {
  const page = await freshPage();
  await open(page, '/');
  const padding = await page.locator('main').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { top: parseFloat(cs.paddingTop), bottom: parseFloat(cs.paddingBottom) };
  });
  assert.ok(padding.top >= 16 && padding.bottom >= 16,
    `main padding top ${padding.top}px, bottom ${padding.bottom}px`);
});

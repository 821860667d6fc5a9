// Messaging in a real browser (issue 15; seed 001): the demo parent writes to the RSGE Noah chose
// from his page; the RSGE sees the unread count on her dashboard, opens the thread and answers
// with the keyboard; the parent sees the count, reads the answer and the count goes to 0; an empty
// message is refused naming the field; the BC and its RSGE exchange a message. axe on every page,
// at 1366 and 390 px; screenshots in /tmp/shots-msg (or SGEE_SCREENSHOTS).
// Run from the repository root: SGEE_TEST_DB=sqlite|postgresql node --test tests/e2e/messages.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP, PHONE, assertFitsWidth, axeCheck, screenshot as shoot, signIn, submitAndWait,
  unreadMessages, useSuite,
} from './harness.mjs';

const suite = useSuite({ seedDemo: true });
const SHOTS = { dir: process.env.SGEE_SCREENSHOTS || '/tmp/shots-msg' };
const screenshot = (page, name) => shoot(page, `messages-${name}`, SHOTS);

// Types a message in the form's "Message" field with the keyboard and sends it with Enter on the
// button.
async function typeAndSend(page, text) {
  await page.getByLabel('Message', { exact: true }).focus();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Envoyer' }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

test('the parent writes to the RSGE about Noah; she sees the count, reads and answers; he reads it', async () => {
  const parent = await suite.page({ viewport: DESKTOP });
  await signIn(parent, 'parent@example.test', 'Parent-demo-2026');
  // The demo: Marie's answer waits for him.
  assert.equal(await unreadMessages(parent), 1);
  await axeCheck(parent);

  // From Noah's page: the CPE may not know him yet (no link), the RSGE's conversation.
  await parent.goto('/famille');
  await submitAndWait(parent, parent.getByRole('link', { name: 'Noah Bégin' }));
  await parent.getByText('Vous pourrez écrire à ce service quand votre enfant y sera proposé ou admis.').first().waitFor();
  await screenshot(parent, 'child-page');
  await submitAndWait(parent, parent.getByRole('link', { name: /Voir la conversation : Service de garde Marie Tremblay/ }));
  await parent.getByRole('heading', { level: 1, name: 'Demande de Noah Bégin' }).waitFor();
  await parent.getByText('Marie Tremblay (Service de garde Marie Tremblay)').waitFor();
  await axeCheck(parent);
  // An empty message: refused, naming the field.
  await parent.getByRole('button', { name: 'Envoyer' }).focus();
  await Promise.all([parent.waitForNavigation(), parent.keyboard.press('Enter')]);
  await parent.locator('#form-summary').waitFor();
  assert.match(await parent.locator('#form-summary').innerText(), /Message : écrivez votre message : il est vide\./);
  assert.equal(await parent.getByLabel('Message', { exact: true }).getAttribute('aria-invalid'), 'true');
  await axeCheck(parent);
  await screenshot(parent, 'refused');
  await typeAndSend(parent, 'Merci !\nUn mardi vers 16 h 30 nous conviendrait.');
  await parent.locator('#sent-notice').waitFor();
  const mine = parent.locator('.message-mine').last();
  assert.match(await mine.innerText(), /André Bégin \(parent\)/);
  assert.match(await mine.locator('.message-body').innerText(), /Merci !\nUn mardi vers 16 h 30/);
  assert.equal(await unreadMessages(parent), 0);

  // The RSGE: her dashboard counts the parent's message and her BC's; she opens the thread.
  const marie = await suite.page({ viewport: DESKTOP });
  await signIn(marie, 'E0000005', 'Rsge-marie-2026');
  assert.equal(await unreadMessages(marie), 2);
  await axeCheck(marie);
  await screenshot(marie, 'dashboard');
  await submitAndWait(marie, marie.locator('#messages').getByRole('link', { name: /messages non lus/ }));
  const thread = marie.locator('.thread', { hasText: 'Demande de Noah Bégin' });
  assert.match(await thread.innerText(), /1 message non lu/);
  assert.match(await thread.innerText(), /Avec les parents de Noah Bégin/);
  await axeCheck(marie);
  await screenshot(marie, 'inbox');
  await submitAndWait(marie, thread.getByRole('link', { name: 'Demande de Noah Bégin' }));
  await marie.getByText('Un mardi vers 16 h 30 nous conviendrait.').waitFor();
  await typeAndSend(marie, 'Parfait : mardi prochain, 16 h 30.\nMarie');
  await marie.locator('#sent-notice').waitFor();
  await axeCheck(marie);
  await screenshot(marie, 'thread');
  assert.equal(await unreadMessages(marie), 1);

  // The parent: one waiting, read, none.
  assert.equal(await unreadMessages(parent), 1);
  await submitAndWait(parent, parent.locator('#messages').getByRole('link', { name: /messages non lus/ }));
  await submitAndWait(parent, parent.getByRole('link', { name: 'Demande de Noah Bégin' }));
  await parent.getByText('Parfait : mardi prochain, 16 h 30.').waitFor();
  assert.equal(await unreadMessages(parent), 0);

  // At 390 px: the inbox and the thread fit, axe passes.
  const phone = await suite.page({ viewport: PHONE });
  await signIn(phone, 'parent@example.test', 'Parent-demo-2026');
  await phone.goto('/messages');
  await assertFitsWidth(phone);
  await axeCheck(phone);
  await screenshot(phone, 'inbox-phone');
  await submitAndWait(phone, phone.getByRole('link', { name: 'Demande de Noah Bégin' }));
  await assertFitsWidth(phone);
  await axeCheck(phone);
  await screenshot(phone, 'thread-phone');
});

test('the BC and its RSGE exchange a message', async () => {
  const louise = await suite.page({ viewport: DESKTOP });
  await signIn(louise, 'E0000004', 'Rse-bc-capitale-2026');
  await louise.goto('/bc/30000001/rsge/40000001');
  await submitAndWait(louise, louise.getByRole('link', { name: 'Voir la conversation' }));
  await louise.getByText('Louise Bouchard (Bureau coordonnateur de la Capitale)').first().waitFor();
  await typeAndSend(louise, 'Merci Marie, à bientôt.');
  await louise.locator('#sent-notice').waitFor();
  await axeCheck(louise);
  await screenshot(louise, 'bc-thread');
  // A new conversation with her other RSGE, from its page.
  await louise.goto('/bc/30000001/rsge/40000002');
  await submitAndWait(louise, louise.getByRole('link', { name: 'Écrire à la RSGE' }));
  await louise.getByRole('heading', { level: 1, name: 'Écrire à la RSGE : Service de garde Karine Roy' }).waitFor();
  await axeCheck(louise);
  await screenshot(louise, 'new');
  await louise.getByLabel('Sujet').fill('Votre retour');
  await typeAndSend(louise, 'Bonjour Karine,\nBon retour parmi nous.');
  await louise.getByRole('heading', { level: 1, name: 'Votre retour' }).waitFor();

  const phone = await suite.page({ viewport: PHONE });
  await signIn(phone, 'E0000005', 'Rsge-marie-2026');
  await phone.goto('/messages');
  const thread = phone.locator('.thread', { hasText: 'Bureau coordonnateur de la Capitale' });
  assert.match(await thread.innerText(), /2 messages non lus/);
  await assertFitsWidth(phone);
  await axeCheck(phone);
  await submitAndWait(phone, thread.locator('a.thread-subject'));
  await phone.getByText('Merci Marie, à bientôt.').waitFor();
  await typeAndSend(phone, 'Au plaisir !');
  await phone.locator('#sent-notice').waitFor();
  await assertFitsWidth(phone);
  await axeCheck(phone);
  await screenshot(phone, 'rsge-phone');
  // Louise sees the answer counted.
  assert.equal(await unreadMessages(louise), 1);
});

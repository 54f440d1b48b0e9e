import { expect, it } from 'vitest';
import { ALICE, BOB, drawPng, messageLog, registerContacts, setUpMessenger } from './fixture';

const messenger = setUpMessenger();

it('Alice sends an image with a caption; Bob sees the thumbnail and opens it full size', async () => {
  const [alice, bob] = await registerContacts(messenger, ALICE, BOB);

  await alice.reload();
  await alice.getByRole('button', { name: 'Message Bob Builder' }).click();
  await alice.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
  await bob.goto(alice.url());
  await expect.poll(() => messageLog(bob).isVisible()).toBe(true);

  await alice
    .getByLabel('Attach image')
    .setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: await drawPng(alice) });
  await alice.getByRole('img', { name: 'square.png' }).waitFor();
  await alice.getByRole('textbox', { name: 'Message' }).fill('a blue square');
  await alice.getByRole('button', { name: 'Send' }).click();

  const thumbnail = messageLog(bob).getByRole('img', { name: 'a blue square' });
  await thumbnail.waitFor({ timeout: 10_000 });
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await messageLog(bob).getByText('a blue square', { exact: true }).waitFor();

  await thumbnail.click();
  const viewer = bob.getByRole('dialog', { name: 'Image viewer' });
  const full = viewer.getByRole('img', { name: 'a blue square' });
  await full.waitFor();
  await expect.poll(() => full.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await viewer.waitFor({ state: 'detached' });

  // Alice's own copy shows too, once the server has stored it.
  await messageLog(alice).getByRole('img', { name: 'a blue square' }).waitFor();
});

it('a new avatar shows on the profile page, also after a reload', async () => {
  const carol = await messenger.newPage();
  await messenger.register(carol, 'carol', 'Carol Singer');
  await carol.goto(`${messenger.server.url}/settings/profile`);

  await carol
    .getByLabel('Avatar', { exact: true })
    .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: await drawPng(carol) });
  await carol.getByText('Avatar saved.').waitFor();

  await carol.reload();
  const preview = carol.getByRole('img', { name: 'Avatar preview' });
  await preview.waitFor();
  await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await carol.getByRole('button', { name: 'Remove avatar' }).click();
  await carol.getByText('Avatar removed.').waitFor();
});

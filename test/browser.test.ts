import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('search page in Chromium', { skip: !existsSync(chromiumPath) && !process.env.CI ? `no Chromium at ${chromiumPath}` : false }, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds skills as the user types, typos included, and opens one', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByPlaceholder(/Search skills/).fill('pyton');
    const first = page.locator('#results li').first();
    await first.locator('button', { hasText: /^Python/ }).waitFor();
    assert.match(await page.locator('#summary').innerText(), /match "pyton"/);
    await first.locator('button').click();
    await first.locator('.detail').waitFor();
    assert.match(await first.locator('.detail').innerText(), /programming language/i);
    await page.getByPlaceholder(/Search skills/).fill('k8s');
    await page.locator('#results li button', { hasText: /^Kubernetes$/ }).first().waitFor();
    await page.selectOption('#type', 'certification');
    await page.getByPlaceholder(/Search skills/).fill('comptia');
    await page.locator('#results li button', { hasText: /CompTIA/ }).first().waitFor();
    const types = await page.locator('#results li .meta').allInnerTexts();
    assert.ok(types.length > 0 && types.every((text) => text.startsWith('certification')));
  });
});

// Real headless Chromium (Debian's package, installed by scripts/setup-chromium.sh) driven by
// playwright-core: load a page and collect every error it raises while rendering.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// Flags that work on a machine without network access: no first-run, sync or update traffic.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface LoadedPage {
  readonly page: Page;
  /** Page errors, console errors and failed requests (a self-contained page makes none). */
  readonly errors: string[];
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Writes `html` to a file and opens it (file://, so any external asset would fail to load). */
export async function openHtml(browser: Browser, html: string): Promise<LoadedPage> {
  const file = join(mkdtempSync(join(tmpdir(), 'modelplane-page-')), 'page.html');
  writeFileSync(file, html);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(`console: ${m.text()}`)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => void (!r.url().startsWith('file:') && errors.push(`external request: ${r.url()}`)));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, errors };
}

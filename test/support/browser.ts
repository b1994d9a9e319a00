/**
 * Chromium for the browser suites: Debian's `/usr/bin/chromium` driven by playwright-core.
 * Without it the suites are skipped with one line of explanation, except under `CI=true`,
 * where a missing browser is a failure (SPEC §2).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.GNBV_CHROMIUM ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots go (gitignored). */
export const screenshotDir = path.resolve('test-results');

/**
 * Whether the browser suite in the calling file runs. Prints why when it does not; under CI the
 * suite runs anyway so that launching the missing browser fails it.
 */
export function browserSuiteEnabled(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === 'true') return true;
  console.log(`Browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium).`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export const viewports = {
  desktop: { width: 1280, height: 800 },
  tablet: { width: 820, height: 1180 },
} as const;

/**
 * A fresh context (own cookies and storage) in the Vietnamese locale and time zone, as the
 * province's staff use it, so native date inputs read dd/mm/yyyy.
 */
export async function newContext(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; baseURL: string },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: options.viewport ?? viewports.desktop,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Saves a screenshot (the whole page unless `fullPage: false`) as `test-results/<name>.png`. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

/**
 * Collects uncaught page errors and console errors, so a test can assert the app ran cleanly.
 * Failed requests the test provokes on purpose (a 401 on a wrong password) are not errors.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/status of (401|404|429)/.test(message.text())) return;
    errors.push(`console: ${message.text()}`);
  });
  return errors;
}

import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** Set by e2e/global-setup.ts, which starts the real platform (Postgres, control plane + console, gateway, upstream). */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through playwright.config.ts (its global setup starts the platform)`);
  return value;
}

export const consoleUrl = () => env('AYA_E2E_CONSOLE_URL');

/** Where screenshots go (`AYA_E2E_SHOTS_DIR`); unset: none are taken. */
export const SHOTS_DIR = process.env.AYA_E2E_SHOTS_DIR;

export async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS_DIR) await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page): Promise<void> {
  await page.goto(`${consoleUrl()}/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(env('AYA_E2E_ADMIN_PASSWORD'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // the home dashboard of the default tenant
  await expect(page).toHaveURL(/\/console\/t\/default$/);
}

/** A link of the sidebar. */
export const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

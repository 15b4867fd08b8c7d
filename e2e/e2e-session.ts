/**
 * Shared support of the journeys: the accounts `scripts/e2e-accounts.ts` wrote (`.gantwin/e2e/accounts.json`), and
 * signing in through the real sign-in page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** One e2e account. */
export interface E2eAccount {
  email: string;
  password: string;
  role: string;
  regionCode: string;
}

/** Where the accounts file is. */
export const E2E_ACCOUNTS_FILE = process.env.E2E_ACCOUNTS_FILE ?? join(process.cwd(), '.gantwin', 'e2e', 'accounts.json');

/** The accounts by key, or null when the file is missing (the journey skips itself then). */
export const E2E_ACCOUNTS: Record<string, E2eAccount> | null = existsSync(E2E_ACCOUNTS_FILE) ? (JSON.parse(readFileSync(E2E_ACCOUNTS_FILE, 'utf8')) as Record<string, E2eAccount>) : null;

/**
 * The account `key`.
 * @throws {Error} naming the key when the file lacks it
 */
export function e2eAccount(key: string): E2eAccount {
  const found = E2E_ACCOUNTS?.[key];
  if (!found) throw new Error(`${E2E_ACCOUNTS_FILE} has no account "${key}"`);
  return found;
}

/** Signs in on the sign-in page (zh-CN labels) and waits for the redirect to `next`. */
export async function signInAs(page: Page, account: E2eAccount, next: string): Promise<void> {
  await page.goto(`/sign-in?${new URLSearchParams({ next })}`);
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('电子邮箱').fill(account.email);
  await form.getByLabel('密码').fill(account.password);
  await form.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0], { timeout: 60_000 });
}

import AxeBuilder from '@axe-core/playwright';
import type { NodeResult } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.0 and 2.1, levels A and AA: the level the web app promises. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The impacts that fail a test; "minor" and "moderate" findings are left to reviews. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

const describeNode = (node: NodeResult) =>
  `\n    at ${node.target.join(' ')}: ${node.html.slice(0, 160)}\n      ${(node.failureSummary ?? '').replaceAll('\n', '\n      ')}`;

/**
 * The serious and critical WCAG A/AA violations on the page as it is now, one entry per violation with the nodes
 * it was found on, each starting with `screen`. Empty when there are none.
 */
export async function accessibilityViolations(page: Page, screen: string): Promise<string[]> {
  // Legacy mode runs axe inside the page alone: the app has no frames to reach, and the default mode opens and
  // closes a blank page for every analysis, which makes it twice as slow.
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze();
  return violations.flatMap((violation) => {
    if (!FAILING_IMPACTS.has(violation.impact ?? '')) return [];
    const { impact, id, help, helpUrl, nodes } = violation;
    return [`${screen}: [${impact}] ${id}: ${help} (${helpUrl})${nodes.map(describeNode).join('')}`];
  });
}

/** Fails listing every serious or critical WCAG A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await accessibilityViolations(page, screen);
  expect(violations.join('\n')).toBe('');
}

/** Switches the emulated colour scheme and waits for the colours to stop moving (a transition would fool axe). */
export async function useColorScheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            requestAnimationFrame(() =>
              resolve(
                document
                  .getAnimations()
                  .filter((animation) => animation instanceof CSSTransition && animation.playState === 'running')
                  .length,
              ),
            ),
          ),
      ),
    )
    .toBe(0);
}

/** `expectAccessible` in the light and then the dark colour scheme; leaves the page in the light one. */
export async function expectAccessibleInBothSchemes(page: Page, screen: string): Promise<void> {
  const violations: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await useColorScheme(page, colorScheme);
    violations.push(...(await accessibilityViolations(page, `${screen} (${colorScheme})`)));
  }
  await useColorScheme(page, 'light');
  expect(violations.join('\n')).toBe('');
}

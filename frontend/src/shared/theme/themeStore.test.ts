import { afterEach, describe, expect, it } from 'vitest';
import { applyStoredTheme, THEME_STORAGE_KEY, useThemeStore } from './themeStore';

const root = document.documentElement;

describe('theme', () => {
  afterEach(() => {
    localStorage.clear();
    delete root.dataset.theme;
  });

  it('follows the system unless told otherwise: the stylesheet reads prefers-color-scheme', () => {
    applyStoredTheme();

    expect(useThemeStore.getState().choice).toBe('system');
    expect(root).not.toHaveAttribute('data-theme');
  });

  it('applies an explicit choice at once and remembers it for the next visit', () => {
    useThemeStore.getState().choose('dark');

    expect(root.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

    delete root.dataset.theme;
    applyStoredTheme();
    expect(root.dataset.theme).toBe('dark');
    expect(useThemeStore.getState().choice).toBe('dark');
  });

  it('goes back to following the system', () => {
    useThemeStore.getState().choose('light');
    useThemeStore.getState().choose('system');

    expect(root).not.toHaveAttribute('data-theme');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('system');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'sepia');

    applyStoredTheme();

    expect(useThemeStore.getState().choice).toBe('system');
    expect(root).not.toHaveAttribute('data-theme');
  });
});

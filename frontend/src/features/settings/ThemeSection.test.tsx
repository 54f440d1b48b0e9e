import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, useThemeStore } from '../../shared/theme/themeStore';
import { makeUser } from '../../test/factories';
import { renderAppAs } from '../../test/renderApp';

const alice = makeUser({ id: 'u1', username: 'alice', displayName: 'Alice' });

describe('the theme switch', () => {
  afterEach(() => {
    useThemeStore.getState().choose('system');
    localStorage.clear();
  });

  it('offers System, Light and Dark, and applies and remembers the choice', async () => {
    renderAppAs(alice, '/settings/profile');
    const group = await screen.findByRole('group', { name: 'Theme on this device' });
    expect(screen.getByRole('radio', { name: 'System' })).toBeChecked();
    expect(group).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('radio', { name: 'Dark' }));

    expect(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
  });
});

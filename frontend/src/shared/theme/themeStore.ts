import { create } from 'zustand';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_STORAGE_KEY = 'messenger:theme';

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return THEME_CHOICES.find((choice) => choice === stored) ?? 'system';
  } catch {
    return 'system';
  }
}

function saveChoice(choice: ThemeChoice): void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage refused (private mode): the choice holds until the tab closes, which is the best on offer.
  }
}

/**
 * The stylesheet follows the system's light or dark preference by itself (color-scheme: light dark); an
 * explicit choice pins it through <html data-theme>.
 */
function applyChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

interface ThemeState {
  choice: ThemeChoice;
  choose: (choice: ThemeChoice) => void;
}

export const useThemeStore = create<ThemeState>()((set) => ({
  choice: readChoice(),
  choose: (choice) => {
    saveChoice(choice);
    applyChoice(choice);
    set({ choice });
  },
}));

/** Before the first render, so that the first paint is already in the chosen theme. */
export function applyStoredTheme(): void {
  const choice = readChoice();
  applyChoice(choice);
  useThemeStore.setState({ choice });
}

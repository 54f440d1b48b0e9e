import { normalizeEmoji } from '@messenger/contract';
import emojis from 'emojibase-data/en/data.json';
import messages from 'emojibase-data/en/messages.json';
import type { EmojiData, EmojiDataResolver, SkinTone } from 'frimousse';

/**
 * The newest Emoji version the picker offers. Fonts lag behind the standard: Emoji 15.0 (2022) shows on current
 * Android, Apple systems, Windows 11 and Linux's Noto Color Emoji; newer ones would show as empty boxes on many of
 * them. (frimousse finds the newest one a browser draws, but only for data it fetches from a CDN: ours is bundled.)
 */
export const NEWEST_EMOJI_VERSION = 15;

/** Emojibase's skin tones by number (0 is none), as frimousse names them. */
const SKIN_TONES: readonly SkinTone[] = ['none', 'light', 'medium-light', 'medium', 'medium-dark', 'dark'];

/** The group of skin tone swatches and hair styles: parts of emoji, not emoji to react with. */
const COMPONENT_GROUP = messages.groups.find((group) => group.key === 'component')?.order;
const COUNTRY_FLAG_SUBGROUP = messages.subgroups.find((subgroup) => subgroup.key === 'country-flag')?.order;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Emojibase's English data (the `emojibase-data` package, bundled into the picker's lazily loaded chunk: nothing is
 * fetched at run time, so the picker works offline and asks no third party) in frimousse's shape.
 */
function buildEmojiData(): EmojiData {
  const offered = emojis.filter(
    (emoji) => emoji.group !== undefined && emoji.group !== COMPONENT_GROUP && emoji.version <= NEWEST_EMOJI_VERSION,
  );
  return {
    locale: 'en',
    emojis: offered.map((emoji) => ({
      // Emojibase spells some with a needless variation selector (`👍️`); the server stores them without one.
      emoji: normalizeEmoji(emoji.emoji),
      category: emoji.group ?? 0,
      version: emoji.version,
      label: capitalized(emoji.label),
      tags: emoji.tags ?? [],
      countryFlag: emoji.subgroup === COUNTRY_FLAG_SUBGROUP || undefined,
      skins: skinsOf(emoji),
    })),
    categories: messages.groups
      .filter((group) => group.order !== COMPONENT_GROUP)
      .map((group) => ({ index: group.order, label: capitalized(group.message) })),
    skinTones: Object.fromEntries(
      messages.skinTones.map((tone) => [tone.key, capitalized(tone.message)]),
    ) as EmojiData['skinTones'],
  };
}

/** One variant per single skin tone (the mixed ones of two-person emoji are left to typing them). */
function skinsOf(emoji: (typeof emojis)[number]): EmojiData['emojis'][number]['skins'] {
  const skins = emoji.skins?.filter((skin) => typeof skin.tone === 'number' && skin.version <= NEWEST_EMOJI_VERSION);
  if (!skins?.length) return undefined;
  return Object.fromEntries(
    skins.map((skin) => [SKIN_TONES[skin.tone as number], normalizeEmoji(skin.emoji)]),
  ) as NonNullable<EmojiData['emojis'][number]['skins']>;
}

let data: EmojiData | undefined;

/** frimousse's data source: built once, on first use. */
export const resolveEmojiData: EmojiDataResolver = () => (data ??= buildEmojiData());

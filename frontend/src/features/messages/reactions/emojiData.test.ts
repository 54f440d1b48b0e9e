import { emojiSchema } from '@messenger/contract';
import { describe, expect, it } from 'vitest';
import { NEWEST_EMOJI_VERSION, resolveEmojiData } from './emojiData';

const data = await resolveEmojiData('en', {});
const everyVariant = data.emojis.flatMap((emoji) => [emoji.emoji, ...Object.values(emoji.skins ?? {})]);

describe('the emoji the picker offers', () => {
  it('are every emoji up to the version fonts draw, in categories without the parts of emoji', () => {
    expect(data.emojis.length).toBeGreaterThan(1_800);
    expect(data.emojis.every((emoji) => emoji.version <= NEWEST_EMOJI_VERSION)).toBe(true);
    expect(data.categories.map((category) => category.label)).not.toContain('Components');
    expect(data.emojis.find((emoji) => emoji.emoji === '👍')?.skins?.dark).toBe('👍🏿');
    expect(data.emojis.find((emoji) => emoji.emoji === '🇺🇦')?.countryFlag).toBe(true);
  });

  it('are each accepted by the server as they are, already in its spelling', () => {
    const refused = everyVariant.filter((emoji) => emojiSchema.safeParse(emoji).data !== emoji);

    expect(everyVariant.length).toBeGreaterThan(3_000);
    expect(refused).toEqual([]);
  });
});

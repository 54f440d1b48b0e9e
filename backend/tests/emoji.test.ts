import { emojiSchema, normalizeEmoji } from '@messenger/contract';
import emojis from 'emojibase-data/en/data.json';
import fc from 'fast-check';

/**
 * The reaction emoji rule (packages/contract, messages.ts) against everything the web app's picker can offer
 * (Emojibase's data, which the picker bundles; it offers a subset), and against any string at all.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Built at run time: the `v` flag (Node 20 has it) is newer than the backend's TypeScript target.
const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

describe('the emoji of a reaction', () => {
  it('accepts every emoji and skin tone of Emojibase, normalized to its RGI spelling', () => {
    const offered = emojis
      .filter((emoji) => emoji.group !== undefined && emoji.group !== 2)
      .flatMap((emoji) => [emoji, ...(emoji.skins ?? [])])
      .map((emoji) => emoji.emoji);
    const results = offered.map((emoji) => ({ emoji, parsed: emojiSchema.safeParse(emoji) }));

    expect(offered.length).toBeGreaterThan(3_500);
    expect(results.filter(({ parsed }) => !parsed.success).map(({ emoji }) => emoji)).toEqual([]);
    // One spelling per emoji: what is stored is Unicode's own (the picker's data has ~150 with a needless selector).
    const notRgi = results.filter(({ parsed }) => parsed.success && !RGI_EMOJI.test(parsed.data));
    expect(notRgi.map(({ emoji }) => emoji)).toEqual([]);
  });

  it('accepts only one grapheme of at most 32 UTF-16 units, whatever it is sent, and never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 3 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc
            .constantFrom(...emojis.slice(0, 200).map((emoji) => emoji.emoji))
            .chain((emoji) =>
              fc.constantFrom(emoji, `${emoji}\uFE0F`, `${emoji}${emoji}`, `${emoji}\u200D`, ` ${emoji}`, `${emoji}a`),
            ),
        ),
        (value) => {
          const parsed = emojiSchema.safeParse(value);
          if (!parsed.success) return;
          expect([...graphemes.segment(value)]).toHaveLength(1);
          expect(value.length).toBeLessThanOrEqual(32);
          expect(normalizeEmoji(parsed.data)).toBe(parsed.data);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** Test images made on the fly, so that no binary fixtures live in the repository. */
export const images = {
  png: (width = 40, height = 30) =>
    sharp({ create: { width, height, channels: 3, background: 'red' } })
      .png()
      .toBuffer(),
  webp: () =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: 'green' } })
      .webp()
      .toBuffer(),
  /** 600×400 stored sideways (EXIF orientation 6) with a GPS position in its EXIF. */
  jpegWithGps: () =>
    sharp({ create: { width: 600, height: 400, channels: 3, background: 'blue' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: 'Spy cam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } })
      .toBuffer(),
  animatedGif: async () =>
    sharp(
      [
        await sharp({ create: { width: 40, height: 30, channels: 3, background: 'red' } })
          .png()
          .toBuffer(),
        await sharp({ create: { width: 40, height: 30, channels: 3, background: 'blue' } })
          .png()
          .toBuffer(),
      ],
      { join: { animated: true } },
    )
      .gif()
      .toBuffer(),
  /** 101 megapixels of black: a small file that would decode to ~300 MB. */
  decompressionBomb: () =>
    sharp({ create: { width: 10_100, height: 10_000, channels: 3, background: 'black' } })
      .greyscale()
      .png({ compressionLevel: 9 })
      .toBuffer(),
  /** Random pixels, which no encoder can shrink: a ~9 MB PNG, large enough that a download of it takes many writes. */
  largeNoise: () =>
    sharp(randomBytes(1_700 * 1_700 * 3), { raw: { width: 1_700, height: 1_700, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer(),
  svg: () =>
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
};

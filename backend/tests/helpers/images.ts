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
  /** A ~9 MB PNG of random pixels, large enough that a download of it takes many writes. */
  largeNoise: () => images.noise(1_700),
  /** 56 megapixels of black: more than the 50 a photo may have, in a file of a few hundred KB. */
  overFiftyMegapixels: () =>
    sharp({ create: { width: 8_000, height: 7_000, channels: 3, background: 'black' } })
      .greyscale()
      .png({ compressionLevel: 9 })
      .toBuffer(),
  /** Random pixels, `side` pixels square: a PNG of about 3 × side² bytes whatever the encoder does. */
  noise: (side: number) =>
    sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
      .png()
      .toBuffer(),
  svg: () =>
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
};

import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveFile } from './saveFile';

describe('saveFile', () => {
  afterEach(() => vi.restoreAllMocks());

  it('downloads the bytes under the name through a link that leaves no trace', () => {
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const bytes = new Blob(['%PDF'], { type: 'application/pdf' });

    saveFile(bytes, 'report.pdf');

    expect(createObjectURL).toHaveBeenCalledWith(bytes);
    expect(clicked).toEqual([{ href: 'blob:report', download: 'report.pdf' }]);
    expect(document.querySelector('a[download]')).toBeNull();
  });
});

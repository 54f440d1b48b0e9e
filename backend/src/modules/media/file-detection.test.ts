import {
  ATTACHMENT_ACCEPT,
  declaredTypeOf,
  FILE_TYPES,
  fileTypeOfMime,
  MAX_FILE_BYTES,
  MAX_FILE_NAME_LENGTH,
  MAX_IMAGE_BYTES,
} from '@messenger/contract';
import { documents } from '../../../tests/helpers/documents';
import { images } from '../../../tests/helpers/images';
import { detectUpload, maxUploadBytes } from './file-detection';
import { safeFileName } from './file-names';

const file = (name: string, mimeType = 'application/octet-stream') => ({ name, mimeType });

describe('what a client declares', () => {
  it.each([
    ['report.pdf', 'application/octet-stream', 'pdf'],
    ['Report.PDF', '', 'pdf'],
    ['data.csv', 'application/vnd.ms-excel', 'csv'],
    ['notes.md', 'text/markdown', 'text'],
    ['photo.JPEG', 'application/pdf', 'image'],
    ['scan', 'image/png', 'image'],
    ['icon.svg', 'image/svg+xml', 'image'],
    ['archive', 'application/x-zip-compressed', 'zip'],
    ['notes', 'Text/Plain; charset=UTF-8', 'text'],
    ['photo.bin', 'application/octet-stream', 'unknown'],
    ['setup.exe', 'application/x-msdownload', 'unknown'],
    ['.pdf', '', 'unknown'],
  ])('%s sent as "%s" claims to be %s', (name, mimeType, expected) => {
    expect(declaredTypeOf(name, mimeType)).toBe(expected);
  });

  it('gives the file card its type, and the file picker every type we take', () => {
    expect(fileTypeOfMime('application/pdf')).toBe('pdf');
    expect(fileTypeOfMime('application/x-msdownload')).toBeNull();
    expect(ATTACHMENT_ACCEPT.split(',')).toEqual(expect.arrayContaining(['image/png', '.docx', '.csv', 'text/csv']));
  });

  it('sets the streaming limit by what an upload claims to be', () => {
    expect(maxUploadBytes('attachment', file('a.png'))).toBe(MAX_IMAGE_BYTES);
    expect(maxUploadBytes('avatar', file('a.pdf'))).toBe(MAX_IMAGE_BYTES);
    expect(maxUploadBytes('attachment', file('a.pdf'))).toBe(MAX_FILE_BYTES);
    expect(maxUploadBytes('attachment', file('photo.bin'))).toBe(MAX_FILE_BYTES);
  });
});

describe('what the bytes are', () => {
  it.each([
    ['report.pdf', 'pdf', documents.pdf()],
    ['notes.txt', 'text', documents.text()],
    ['data.csv', 'csv', documents.csv()],
    ['bundle.zip', 'zip', documents.zip()],
    ['letter.docx', 'docx', documents.docx()],
    ['budget.xlsx', 'xlsx', documents.xlsx()],
    ['slides.pptx', 'pptx', documents.pptx()],
    ['old.doc', 'doc', documents.compoundFile()],
    ['old.xls', 'xls', documents.compoundFile()],
    ['old.ppt', 'ppt', documents.compoundFile()],
    // Nothing declared that we know: the signature decides.
    ['download', 'pdf', documents.pdf()],
    ['letter.bin', 'docx', documents.docx()],
  ])('takes %s as %s', async (name, type, bytes) => {
    await expect(detectUpload(bytes, file(name))).resolves.toEqual({ kind: 'file', type });
  });

  it('sends images to the image pipeline, by name, type or signature', async () => {
    const png = await images.png();
    await expect(detectUpload(png, file('photo.bin'))).resolves.toEqual({ kind: 'image' });
    await expect(detectUpload(png, file('scan', 'image/png'))).resolves.toEqual({ kind: 'image' });
    // The image pipeline reads the bytes itself and refuses what is no image.
    await expect(detectUpload(documents.pdf(), file('fake.png'))).resolves.toEqual({ kind: 'image' });
  });

  it.each([
    ['a ZIP named .pdf', 'report.pdf', documents.zip()],
    ['a plain ZIP named .docx', 'letter.docx', documents.zip()],
    ['a PDF named .docx', 'letter.docx', documents.pdf()],
    ['a PNG named .pdf', 'photo.pdf', 'png'],
    ['a PDF named .doc', 'old.doc', documents.pdf()],
    ['a compound file named .docx', 'new.docx', documents.compoundFile()],
    ['bytes with a NUL named .txt', 'notes.txt', documents.binary()],
    ['Latin-1 text named .csv', 'data.csv', Buffer.from('caf\xe9,1\n', 'latin1')],
    ['text declaring nothing', 'notes', documents.text()],
    ['a compound file declaring nothing', 'setup.msi', documents.compoundFile()],
    ['an executable', 'setup.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1')],
  ])('refuses %s with 415', async (_label, name, bytes) => {
    const upload = bytes === 'png' ? await images.png() : (bytes as Buffer);
    await expect(detectUpload(upload, file(name))).rejects.toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });
});

describe('the name a file is saved under', () => {
  const pdf = FILE_TYPES.pdf.extensions;
  it.each([
    ['report.pdf', 'report.pdf'],
    ['Report.PDF', 'Report.pdf'],
    ['C:\\Users\\ada\\secret plans.pdf', 'secret plans.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
    ['zero\u200Bwidth\u0000and\u0007controls.pdf', 'zerowidthandcontrols.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['  ..hidden  spaced\tout...  ', 'hidden spaced out.pdf'],
    ['', 'file.pdf'],
    ['...', 'file.pdf'],
    ['con.pdf', '_con.pdf'],
    ['LPT1', '_LPT1.pdf'],
    ['Cafe\u0301 menu.pdf', 'Café menu.pdf'],
  ])('%j becomes %j', (uploaded, expected) => {
    expect(safeFileName(uploaded, pdf)).toBe(expected);
  });

  it(`keeps at most ${MAX_FILE_NAME_LENGTH} characters and the extension, never half a character`, () => {
    const long = safeFileName(`${'a'.repeat(200)}.pdf`, pdf);
    expect(long).toBe(`${'a'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`);
    const emoji = safeFileName(`${'😀'.repeat(200)}.pdf`, pdf);
    expect([...emoji]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(emoji.endsWith('😀.pdf')).toBe(true);
    expect(safeFileName('photo.jpeg', ['jpg', 'jpeg'])).toBe('photo.jpeg');
    expect(safeFileName('photo.png', ['jpg', 'jpeg'])).toBe('photo.png.jpg');
  });
});

import { crc32 } from 'node:zlib';

/**
 * Test documents made on the fly, as small as their formats allow, so that no binary fixtures live in the
 * repository. Each starts as the real format does, which is all that a signature check reads.
 */

/** A ZIP archive of stored (uncompressed) entries: local headers, the central directory and its end record. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const fileName = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An Office Open XML package: a ZIP whose [Content_Types].xml names its main part's type. */
const officeOpenXml = (folder: string, part: string, mainType: string) =>
  zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      `<Override PartName="/${folder}/${part}" ContentType="application/vnd.openxmlformats-officedocument.${mainType}.main+xml"/></Types>`,
    [`${folder}/${part}`]: '<?xml version="1.0" encoding="UTF-8"?><root/>',
  });

export const documents = {
  pdf: (padding = 0) =>
    Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'),
      Buffer.alloc(padding, 0x20),
    ]),
  text: () => Buffer.from('Meeting notes\nÜbermorgen: café ☕ at 10\n'),
  csv: () => Buffer.from('name,amount\nAda,3\nGrace,5\n'),
  zip: () => zip({ 'readme.txt': 'hello', 'data/numbers.txt': '1 2 3' }),
  docx: () => officeOpenXml('word', 'document.xml', 'wordprocessingml.document'),
  xlsx: () => officeOpenXml('xl', 'workbook.xml', 'spreadsheetml.sheet'),
  pptx: () => officeOpenXml('ppt', 'presentation.xml', 'presentationml.presentation'),
  /** The OLE compound-file header that Word 97–2003, Excel and PowerPoint files start with. */
  compoundFile: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
  /** Bytes that no text is: a NUL among them. */
  binary: () => Buffer.from([0x68, 0x69, 0x00, 0xff, 0xfe, 0x01]),
};

import { extensionOf, MAX_FILE_NAME_LENGTH } from '@messenger/contract';

/**
 * Characters a stored name never keeps: controls; format characters, among them the direction overrides and
 * isolates that make "report\u202Efdp.exe" read as "reportexe.pdf", and invisible ones; and what separates paths
 * or Windows forbids in a name.
 */
const DROPPED = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const REPLACED = /[<>:"/\\|?*]/g;
/** Names Windows keeps for devices, whatever follows their first dot ("con.txt" cannot be saved there). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * The name an attachment is shown and saved under: the uploaded name without any folder, made safe to show (no
 * direction tricks, no invisible characters) and to save on any system, at most MAX_FILE_NAME_LENGTH characters,
 * and ending in one of `extensions` (the first is added when it does not), so that the name never promises another
 * type than the bytes hold.
 */
export function safeFileName(uploadedName: string, extensions: readonly [string, ...string[]]): string {
  const baseName = uploadedName.slice(Math.max(uploadedName.lastIndexOf('/'), uploadedName.lastIndexOf('\\')) + 1);
  const cleaned = baseName
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .replace(DROPPED, '')
    .replace(REPLACED, '_')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const named = WINDOWS_DEVICE.test(cleaned) ? `_${cleaned}` : cleaned;
  const extension = extensions.includes(extensionOf(named)) ? extensionOf(named) : extensions[0];
  const stem = extensionOf(named) === extension ? named.slice(0, -extension.length - 1) : named;
  // Cut by characters, never inside one of two UTF-16 units.
  const shortStem = [...(stem || 'file')]
    .slice(0, MAX_FILE_NAME_LENGTH - extension.length - 1)
    .join('')
    .trimEnd();
  return `${shortStem}.${extension}`;
}

/**
 * Hands bytes to the browser's own download, under a name: through a link with `download`, the only way a page can
 * name a saved file. The object URL is released once the browser has taken the bytes.
 */
export function saveFile(bytes: Blob, name: string): void {
  const url = URL.createObjectURL(bytes);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

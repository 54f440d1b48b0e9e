import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from './openapi';

/** `npm run openapi`: writes the document to docs/openapi.json, the copy that the drift test compares. */
export const OPENAPI_FILE = join(__dirname, '..', '..', '..', 'docs', 'openapi.json');

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
  console.log(`wrote ${OPENAPI_FILE}`);
}

import { join } from 'node:path';
import { config } from 'dotenv';

// backend/.env, wherever the process was started from (the repository root for `npm start`, backend/ for dev).
config({ path: join(__dirname, '..', '..', '.env'), quiet: true });

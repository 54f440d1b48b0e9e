import type { Config } from '../../config/env';
import type { PrismaClient } from '../../db/prisma';
import type { AuditLog } from '../admin/audit-log';
import { RegistrationRepository } from './registration.repository';
import { RegistrationService } from './registration.service';

/** Who may register: the service that AuthService asks at each registration and the operations use. */
export function registrationModule(db: PrismaClient, audit: AuditLog, config: Pick<Config, 'FRONTEND_URL'>) {
  return new RegistrationService(new RegistrationRepository(db), audit, config.FRONTEND_URL);
}

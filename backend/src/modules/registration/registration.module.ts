import type { Config } from '../../config/env';
import type { PrismaClient } from '../../db/prisma';
import type { AuditLog } from '../admin/audit-log';
import { RegistrationRepository } from './registration.repository';
import { registrationAdminRoutes, registrationModeRoutes } from './registration.routes';
import { RegistrationService } from './registration.service';

/** Who may register: the service (AuthService asks it at each registration) and its routers, for server.ts. */
export function registrationModule(db: PrismaClient, audit: AuditLog, config: Pick<Config, 'FRONTEND_URL'>) {
  const registration = new RegistrationService(new RegistrationRepository(db), audit, config.FRONTEND_URL);
  return {
    registration,
    /** Under /api/auth, public. */
    modeRoutes: registrationModeRoutes(registration),
    /** Under /api/admin, admins only. */
    adminRoutes: registrationAdminRoutes(registration),
  };
}

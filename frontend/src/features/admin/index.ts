export { AdminArea } from './AdminArea';
export { AuditPage } from './AuditPage';
export { PeoplePage } from './PeoplePage';
export { RegistrationPage } from './RegistrationPage';

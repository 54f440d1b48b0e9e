import { InvitesSection } from './InvitesSection';
import { RegistrationModeSection } from './RegistrationModeSection';

/** /admin/registration: who may create an account, and the invite links for it. */
export function RegistrationPage() {
  return (
    <>
      <RegistrationModeSection />
      <InvitesSection />
    </>
  );
}

export { ProfileSettingsPage } from './ProfileSettingsPage';

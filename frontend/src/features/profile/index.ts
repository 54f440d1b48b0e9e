export { UserProfilePage } from './UserProfilePage';

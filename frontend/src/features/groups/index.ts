export { BrowseGroupsPage } from './BrowseGroupsPage';

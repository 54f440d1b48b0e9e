export { SearchPage } from './SearchPage';
export { useSearchShortcut } from './useSearchShortcut';

// How an account's folders are listed and named: special-use folders first, in a fixed
// order and under their names in the window's language; the user's own by path.
import type { SidebarFolder } from '../../../shared/requests/triage';
import { t } from '../i18n';

// Special-use roles in the order they are listed; each has its name under sidebar.folder.
const ORDER = ['inbox', 'flagged', 'drafts', 'sent', 'archive', 'all', 'junk', 'trash'];

type Folder = Pick<SidebarFolder, 'path' | 'role'>;

const rank = (f: Folder) => {
  const i = f.role ? ORDER.indexOf(f.role) : -1;
  return i === -1 ? ORDER.length : i;
};

export function sortedFolders<F extends Folder>(folders: readonly F[]): F[] {
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

export function folderName(f: Folder): string {
  return f.role && ORDER.includes(f.role) ? t(`sidebar.folder.${f.role}`) : f.path;
}

import { defineMessages } from '../define';

// The window's frame: the splitters between its panes.
export default defineMessages({
  en: {
    resizeSidebar: 'Resize the sidebar',
    resizeList: 'Resize the list',
  },
  fr: {
    resizeSidebar: 'Redimensionner la barre latérale',
    resizeList: 'Redimensionner la liste',
  },
});

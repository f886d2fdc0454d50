import { defineMessages } from '../define';

// The search box. The query syntax (from:, subject:, is:unread…) is the core's and stays
// as it is in every language.
export default defineMessages({
  en: {
    placeholder: 'Search  ( / )',
    label: 'Search mail (from:, subject:, is:unread…)',
    save: 'Save this search',
    saved: 'Saved “{query}” to the sidebar',
  },
  fr: {
    placeholder: 'Rechercher  ( / )',
    label: 'Rechercher dans les messages (from:, subject:, is:unread…)',
    save: 'Enregistrer cette recherche',
    saved: 'Recherche « {query} » enregistrée dans la barre latérale',
  },
});

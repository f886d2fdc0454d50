import { defineMessages } from '../define';

// Triage: the key table (the ? overlay and the command palette list it), the snooze
// picker and the toast after an action.
export default defineMessages({
  en: {
    help: {
      title: 'Keyboard shortcuts',
      palette: 'Command palette',
    },
    keys: {
      next: 'Next conversation',
      previous: 'Previous conversation',
      open: 'Open',
      back: 'Back to the list',
      archive: 'Archive',
      trash: 'Move to Trash',
      flag: 'Flag / unflag',
      read: 'Mark read',
      unread: 'Mark unread',
      mute: 'Mute conversation',
      snooze: 'Snooze…',
      select: 'Select / deselect',
      search: 'Search',
      undo: 'Undo the last action',
      help: 'Keyboard shortcuts',
      reply: 'Reply / comment',
      replyAll: 'Reply all',
      forward: 'Forward',
      newMessage: 'New message',
      newPost: 'New post',
    },
    snooze: {
      title: 'Snooze until…',
      later: 'Later today',
      tomorrow: 'Tomorrow',
      nextWeek: 'Next week',
      pickDate: 'Pick a date',
      submit: 'Snooze',
    },
    toast: {
      dismiss: 'Dismiss',
    },
  },
  fr: {
    help: {
      title: 'Raccourcis clavier',
      palette: 'Palette de commandes',
    },
    keys: {
      next: 'Conversation suivante',
      previous: 'Conversation précédente',
      open: 'Ouvrir',
      back: 'Retour à la liste',
      archive: 'Archiver',
      trash: 'Mettre à la corbeille',
      flag: 'Marquer / retirer la marque',
      read: 'Marquer comme lu',
      unread: 'Marquer comme non lu',
      mute: 'Ignorer la conversation',
      snooze: 'Reporter…',
      select: 'Sélectionner / désélectionner',
      search: 'Rechercher',
      undo: 'Annuler la dernière action',
      help: 'Raccourcis clavier',
      reply: 'Répondre / commenter',
      replyAll: 'Répondre à tous',
      forward: 'Transférer',
      newMessage: 'Nouveau message',
      newPost: 'Nouvelle publication',
    },
    snooze: {
      title: 'Reporter jusqu’à…',
      later: 'Plus tard aujourd’hui',
      tomorrow: 'Demain',
      nextWeek: 'La semaine prochaine',
      pickDate: 'Choisir une date',
      submit: 'Reporter',
    },
    toast: {
      dismiss: 'Fermer',
    },
  },
});

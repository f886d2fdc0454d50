import { defineMessages } from '../define';

// The reading pane: an open thread or RSE post, its bodies, attachments and actions.
export default defineMessages({
  en: {
    label: 'Reading pane',
    placeholder: 'Select a conversation to read it.',
    // {j}, {k}, {o} and {help} are the keys, shown as <kbd>.
    hint: '{j} {k} to move, {o} to open, {help} for every key',
    noSubject: '(no subject)',
    messageCount: '{n} message | {n} messages',
    to: 'to {recipients}',
    markThreadFailed: 'Could not mark the thread read: {error}',
    markPostFailed: 'Could not mark the post read: {error}',
    // Buttons are short; their tooltips take triage.keys' descriptions and the key.
    toolbar: {
      label: 'Conversation actions',
      withKey: '{action} ({key})',
      archive: 'Archive',
      trash: 'Trash',
      flag: 'Flag',
      unread: 'Mark unread',
      mute: 'Mute',
      snooze: 'Snooze',
      back: 'Back to the list (u)',
    },
    body: {
      frame: 'Message content',
      showQuoted: 'Show quoted text',
      showSignature: 'Show signature',
    },
    remote: {
      hidden:
        'Remote images are hidden to protect your privacy ({n} item). | Remote images are hidden to protect your privacy ({n} items).',
      show: 'Show images',
      alwaysFor: 'Always for {sender}',
    },
    attachments: {
      count: '{n} attachment | {n} attachments',
      unnamed: 'attachment',
      open: 'Open',
      opening: 'Opening…',
      openName: 'Open {name}',
      save: 'Save',
      saving: 'Saving…',
      saveName: 'Save {name}',
    },
    post: {
      fromThread: 'From an email thread',
      fromThreadTitle: 'Open the email thread this post was made from',
      untitled: 'Post',
      openOn: 'Open on {network} ↗',
      comments: 'Comments',
      commentCount: '{n} comment | {n} comments',
    },
  },
  fr: {
    label: 'Volet de lecture',
    placeholder: 'Sélectionnez une conversation pour la lire.',
    hint: '{j} {k} pour vous déplacer, {o} pour ouvrir, {help} pour voir tous les raccourcis',
    noSubject: '(sans objet)',
    messageCount: '{n} message | {n} messages',
    to: 'à {recipients}',
    markThreadFailed: 'Impossible de marquer la conversation comme lue : {error}',
    markPostFailed: 'Impossible de marquer la publication comme lue : {error}',
    toolbar: {
      label: 'Actions sur la conversation',
      withKey: '{action} ({key})',
      archive: 'Archiver',
      trash: 'Supprimer',
      flag: 'Marquer',
      unread: 'Non lu',
      mute: 'Ignorer',
      snooze: 'Reporter',
      back: 'Retour à la liste (u)',
    },
    body: {
      frame: 'Contenu du message',
      showQuoted: 'Afficher le texte cité',
      showSignature: 'Afficher la signature',
    },
    remote: {
      hidden:
        'Les images distantes sont masquées pour protéger votre vie privée ({n} élément). | Les images distantes sont masquées pour protéger votre vie privée ({n} éléments).',
      show: 'Afficher les images',
      alwaysFor: 'Toujours pour {sender}',
    },
    attachments: {
      count: '{n} pièce jointe | {n} pièces jointes',
      unnamed: 'pièce jointe',
      open: 'Ouvrir',
      opening: 'Ouverture…',
      openName: 'Ouvrir {name}',
      save: 'Enregistrer',
      saving: 'Enregistrement…',
      saveName: 'Enregistrer {name}',
    },
    post: {
      fromThread: 'Issu d’une conversation e-mail',
      fromThreadTitle: 'Ouvrir la conversation e-mail d’où vient cette publication',
      untitled: 'Publication',
      openOn: 'Ouvrir sur {network} ↗',
      comments: 'Commentaires',
      commentCount: '{n} commentaire | {n} commentaires',
    },
  },
});

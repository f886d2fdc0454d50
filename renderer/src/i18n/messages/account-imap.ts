import { defineMessages } from '../define';

// The mail (IMAP) account form, and what it says when the connection test fails —
// including a server certificate the user may choose to trust.
export default defineMessages({
  en: {
    name: 'Account name',
    namePlaceholder: 'Work',
    host: 'IMAP server',
    hostPlaceholder: 'imap.example.com',
    port: 'Port',
    security: 'Security',
    securityTls: 'TLS (recommended)',
    securityStarttls: 'STARTTLS',
    securityNone: 'None (local testing only)',
    plainWarning: 'Without encryption, your password and mail travel in clear text.',
    user: 'User name',
    password: 'Password',
    add: 'Add account',
    connecting: 'Connecting…',
    errors: {
      'auth-failed': 'The server refused the user name or password.',
      unavailable: 'Could not reach the mail server.',
      tls: 'The secure connection to the mail server failed.',
      'certificate-untrusted': 'The mail server’s certificate is not trusted.',
      conflict: 'That account name is already taken.',
      'invalid-params': 'Some fields are not valid.',
      other: 'Could not add the account.',
    },
    certificate: {
      fingerprint: 'SHA-256 fingerprint',
      advice:
        'Trust it only if the server’s administrator confirms this exact fingerprint. Passerelle will then accept this certificate, for this account only; any other certificate will still be refused.',
      trust: 'Trust this certificate',
    },
  },
  fr: {
    name: 'Nom du compte',
    namePlaceholder: 'Travail',
    host: 'Serveur IMAP',
    hostPlaceholder: 'imap.example.com',
    port: 'Port',
    security: 'Sécurité',
    securityTls: 'TLS (recommandé)',
    securityStarttls: 'STARTTLS',
    securityNone: 'Aucune (tests en local uniquement)',
    plainWarning: 'Sans chiffrement, votre mot de passe et vos messages circulent en clair.',
    user: 'Nom d’utilisateur',
    password: 'Mot de passe',
    add: 'Ajouter le compte',
    connecting: 'Connexion…',
    errors: {
      'auth-failed': 'Le serveur a refusé le nom d’utilisateur ou le mot de passe.',
      unavailable: 'Impossible de joindre le serveur de messagerie.',
      tls: 'La connexion sécurisée au serveur de messagerie a échoué.',
      'certificate-untrusted': 'Le certificat du serveur de messagerie n’est pas reconnu.',
      conflict: 'Ce nom de compte est déjà pris.',
      'invalid-params': 'Certains champs ne sont pas valides.',
      other: 'Impossible d’ajouter le compte.',
    },
    certificate: {
      fingerprint: 'Empreinte SHA-256',
      advice:
        'Ne lui faites confiance que si l’administrateur du serveur confirme exactement cette empreinte. Passerelle acceptera alors ce certificat, pour ce compte seulement ; tout autre certificat restera refusé.',
      trust: 'Faire confiance à ce certificat',
    },
  },
});

import { CORE_TEXTS_EN, type CoreTextKey } from '../../../../shared/core-text';
import { defineMessages } from '../define';

// What the core writes for people (connection errors, conversion problems), by the key it
// sends along its English message. English is the core's own table, kept once in shared/.
const fr: Record<CoreTextKey, string> = {
  theServer: 'le serveur',
  imapCertUntrusted:
    'Le certificat de {where} n’est pas digne de confiance : {why} [{reason}]. Empreinte SHA-256 : {fingerprint}. Ne lui faites confiance que si l’administrateur du serveur vous confirme cette empreinte.',
  certSelfSigned: 'il est auto-signé',
  certSelfSignedChain:
    'il a été émis par une autorité auto-signée dont personne ne se porte garant',
  certUnknownAuthority: 'il a été émis par une autorité de certification inconnue',
  certOtherHost: 'il a été émis pour un autre nom d’hôte',
  certExpired: 'il a expiré',
  certNotYetValid: 'il n’est pas encore valide',
  certRevoked: 'il a été révoqué',
  certOther: 'la vérification a échoué ({reason})',
  imapOauthRejected:
    'Le serveur {where} a refusé le jeton d’accès OAuth, et le renouvellement du jeton du compte n’en a pas fourni un qu’il accepte. Vérifiez la commande du jeton (ou reconnectez-vous auprès de votre fournisseur), puis réessayez.',
  imapPasswordRejected:
    'Le serveur {where} a refusé le nom d’utilisateur ou le mot de passe. Vérifiez les deux, puis réessayez (certains fournisseurs exigent un mot de passe d’application).',
  imapStarttlsFailed:
    'Impossible de sécuriser la connexion à {where} avec STARTTLS ({detail}). Vérifiez que le serveur propose STARTTLS sur ce port et a un certificat valide, ou choisissez TLS implicite (port 993 en général).',
  imapTlsFailed:
    'La négociation TLS avec {where} a échoué ({detail}). Vérifiez le port (993 pour TLS implicite, 143 pour STARTTLS) et que le certificat du serveur est valide.',
  imapUnreachable:
    'Impossible de joindre {where} : {why}. Vérifiez le nom d’hôte et le port, ainsi que votre connexion réseau.',
  reachUnresolved: 'le nom d’hôte {host} est introuvable',
  reachRefused: 'la connexion a été refusée',
  reachNoGreeting:
    'le serveur n’a pas envoyé son accueil à temps (s’il attend TLS sur ce port, choisissez TLS)',
  reachTimeout: 'le serveur n’a pas répondu à temps',
  reachLost: 'la connexion a été perdue',
  imapUnexpected: 'Erreur IMAP inattendue de {where} : {detail}.',
  syncUnexpected: 'Échec inattendu ; les détails sont dans le journal.',
  syncReconnecting: 'Reconnexion…',
  syncServerClosed: 'Le serveur a fermé la connexion ; reconnexion.',
  syncPausedAuth:
    '{problem} La synchronisation est suspendue jusqu’à la mise à jour du mot de passe ou une nouvelle synchronisation manuelle.',
  storageFull:
    'Le disque qui contient les données de Passerelle est plein : libérez de la place. Rien de ce qui est déjà enregistré n’est perdu.',
  storageFailed:
    'Passerelle n’a pas pu écrire sur le disque qui contient ses données ({code}). Rien de ce qui est déjà enregistré n’est perdu.',
  syncStoragePaused:
    '{problem} La synchronisation reprend dès que l’écriture est de nouveau possible.',
  convertEmptyThread: 'Cette conversation n’a aucun message à publier.',
  convertNoNewMessage: 'Aucun nouveau message à ajouter.',
  convertNewTooLong: 'Les nouveaux messages sont trop longs pour être ajoutés.',
  convertTitleTooShort:
    'Le titre « {title} » fait moins des {min} caractères qu’exige {network}. Modifiez le titre avant de publier.',
  convertTooLong:
    'La publication ferait {length} caractères ; {network} en accepte {max}. Retirez des messages de la conversion, ou publiez sur un réseau qui accepte des publications plus longues.',
  convertTooLongSplit:
    'La publication ferait {length} caractères ; {network} en accepte {max} une fois découpée. Retirez des messages de la conversion, ou publiez sur un réseau qui accepte des publications plus longues.',
  convertFileTooLarge:
    '« {file} » (de {from}) pèse {size} ; {network} accepte des fichiers jusqu’à {max}. Retirez-le, ou partagez-le plutôt par un lien.',
  convertFileType:
    '« {file} » (de {from}) est d’un type que {network} n’accepte pas ({extension}) ; acceptés : {allowed}. Retirez-le.',
  convertNoExtension: 'sans extension',
  convertTooManyFiles:
    '{where} porterait {count} fichiers ({files}) ; {network} en accepte au plus {max} par publication. Retirez-en {extra}.',
  convertTitleShortened: 'Le titre a été raccourci à {max} caractères.',
  convertFilesNotAttached: 'Les fichiers des nouveaux messages ne sont pas joints au commentaire.',
  convertQuoteLeftOut: 'Le texte cité du message {n} a été laissé de côté : trop long.',
  convertTitleTooLong: 'Le titre dépasse les {max} caractères permis. Raccourcissez-le.',
  convertNoDestination: 'Choisissez un compte et un espace où publier.',
  convertThePost: 'La publication',
  convertReplyN: 'La réponse {n}',
};

export default defineMessages({ en: CORE_TEXTS_EN, fr });

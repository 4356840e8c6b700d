<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about.py" line="+143"/>
        <source>Mail client support data (caniemail)</source>
        <extracomment>A ``License`` field longer than this, or on several lines, is the licence&apos;s text, not its name: the classifiers name it better. The first phrase of a licence file that names a licence: &quot;MIT License&quot;, &quot;SIL Open Font License, Version 1.1&quot;…</extracomment>
        <translation>Données de compatibilité des messageries (caniemail)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Inter font</source>
        <translation>Police Inter</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Public holidays data (holidays)</source>
        <translation>Données des jours fériés (holidays)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>metadata of the holidays package</source>
        <translation>métadonnées du paquet holidays</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown (not installed)</source>
        <translation>inconnue (non installé)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About crmdesk</source>
        <translation>À propos de crmdesk</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+28"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Workspace</source>
        <translation>Espace de travail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log file</source>
        <translation>Fichier journal</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Offline desktop cockpit for the freelance eCRM operator.</source>
        <translation>Le poste de pilotage hors ligne de l’opérateur eCRM indépendant.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+59"/>
        <source>Libraries (licences from their installed metadata)</source>
        <translation>Bibliothèques (licences lues dans leurs métadonnées installées)</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Package</source>
        <translation>Paquet</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>not stated</source>
        <translation>non précisée</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+56"/>
        <source>Data shipped with crmdesk</source>
        <translation>Données fournies avec crmdesk</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read from</source>
        <translation>Lue dans</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy all of this, to paste in a support request</source>
        <translation>Tout copier, pour le coller dans une demande d’assistance</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/labels.py" line="+140"/>
        <source>This computer has no keyring to keep the password, so nothing was saved. On Linux, run GNOME Keyring or KWallet and install the Python package secretstorage, or install keyrings.alt; macOS and Windows have one built in.</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau pour garder le mot de passe&#xa0;: rien n&apos;a été enregistré. Sous Linux, lancez GNOME Keyring ou KWallet et installez le paquet Python secretstorage, ou installez keyrings.alt&#xa0;; macOS et Windows en ont un intégré.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The system keyring is locked: unlock it and try again.</source>
        <translation>Le trousseau du système est verrouillé&#xa0;: déverrouillez-le et réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/bat/accounts_dialog.py" line="+44"/>
        <source>The account needs a name.</source>
        <extracomment>The port each security setting usually means; a port the user has not changed follows it.</extracomment>
        <translation>Le compte doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name is longer than 80 characters.</source>
        <translation>Le nom dépasse 80 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another account has this name.</source>
        <translation>Un autre compte porte ce nom.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the server name alone, such as smtp.example.com (no smtp://, no port, no spaces).</source>
        <translation>Indiquez le nom du serveur seul, par exemple smtp.example.com (sans smtp://, sans port, sans espace).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The port must be between 1 and 65535.</source>
        <translation>Le port doit être compris entre 1 et 65535.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user name is longer than 254 characters.</source>
        <translation>L&apos;identifiant dépasse 254 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A password needs the user name it logs in with.</source>
        <translation>Un mot de passe va avec l&apos;identifiant qui se connecte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not an email address.</source>
        <translation>Ce n&apos;est pas une adresse email.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give this user&apos;s password: it goes to the system keyring.</source>
        <translation>Indiquez le mot de passe de cet identifiant&#xa0;: il ira dans le trousseau du système.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None (a local relay only)</source>
        <translation>Aucune (relais local uniquement)</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+4"/>
        <source>SMTP accounts</source>
        <translation>Comptes SMTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. Brevo SMTP</source>
        <translation>ex. SMTP Brevo</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>empty if the server needs no login</source>
        <translation>vide si le serveur ne demande pas de connexion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the user name when it is an address</source>
        <translation>l&apos;identifiant s&apos;il s&apos;agit d&apos;une adresse</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Na&amp;me</source>
        <translation>No&amp;m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ser&amp;ver</source>
        <translation>Ser&amp;veur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Port</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ecurity</source>
        <translation>S&amp;écurité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User</source>
        <translation>&amp;Identifiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sen&amp;der address</source>
        <translation>A&amp;dresse d&apos;expéditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word</source>
        <translation>Mot de pa&amp;sse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password goes to the system keyring, never elsewhere.</source>
        <translation>Le mot de passe va dans le trousseau du système, nulle part ailleurs.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>“%1” saved.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove an SMTP account</source>
        <translation>Supprimer un compte SMTP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the account “%1”? Its password leaves the keyring too.</source>
        <translation>Supprimer le compte «&#xa0;%1&#xa0;»&#xa0;? Son mot de passe quitte aussi le trousseau.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../../ui/calendar/agenda.py" line="+48"/>
        <source>Send</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>pressure</source>
        <translation>pression</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>blackout: %1</source>
        <translation>date bloquée&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n overdue item(s)</source>
        <translation>
            <numerusform>%n tâche en retard</numerusform>
            <numerusform>%n tâches en retard</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatLabels</name>
    <message>
        <location filename="../../ui/bat/labels.py" line="+23"/>
        <source>Awaiting decision</source>
        <extracomment>Decision → (background, foreground) of its badge.</extracomment>
        <translation>En attente de décision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes requested</source>
        <translation>Modifications demandées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Validé</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n script(s) removed: JavaScript never runs in the preview.</source>
        <translation>
            <numerusform>%n script retiré&#xa0;: JavaScript ne s&apos;exécute jamais dans l&apos;aperçu.</numerusform>
            <numerusform>%n scripts retirés&#xa0;: JavaScript ne s&apos;exécute jamais dans l&apos;aperçu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n frame(s) removed: an email cannot embed another page.</source>
        <translation>
            <numerusform>%n cadre retiré&#xa0;: un email ne peut pas intégrer une autre page.</numerusform>
            <numerusform>%n cadres retirés&#xa0;: un email ne peut pas intégrer une autre page.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n form(s) disarmed: nothing can be submitted from the preview.</source>
        <translation>
            <numerusform>%n formulaire désactivé&#xa0;: rien ne peut être envoyé depuis l&apos;aperçu.</numerusform>
            <numerusform>%n formulaires désactivés&#xa0;: rien ne peut être envoyé depuis l&apos;aperçu.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n plugin object(s) removed (object, embed, applet).</source>
        <translation>
            <numerusform>%n objet de plug-in retiré (object, embed, applet).</numerusform>
            <numerusform>%n objets de plug-in retirés (object, embed, applet).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n file:// address(es) removed: an email cannot read your disk.</source>
        <translation>
            <numerusform>%n adresse file:// retirée&#xa0;: un email ne peut pas lire votre disque.</numerusform>
            <numerusform>%n adresses file:// retirées&#xa0;: un email ne peut pas lire votre disque.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n javascript: link(s) removed.</source>
        <translation>
            <numerusform>%n lien javascript: retiré.</numerusform>
            <numerusform>%n liens javascript: retirés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n event handler attribute(s) removed (onclick…).</source>
        <translation>
            <numerusform>%n attribut d&apos;événement retiré (onclick…).</numerusform>
            <numerusform>%n attributs d&apos;événement retirés (onclick…).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n automatic redirection(s) removed.</source>
        <translation>
            <numerusform>%n redirection automatique retirée.</numerusform>
            <numerusform>%n redirections automatiques retirées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n &lt;base&gt; element(s) removed.</source>
        <translation>
            <numerusform>%n élément &lt;base&gt; retiré.</numerusform>
            <numerusform>%n éléments &lt;base&gt; retirés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n connection hint(s) removed (preconnect, prefetch…): they would tell a tracker that the email was opened.</source>
        <translation>
            <numerusform>%n indication de connexion retirée (preconnect, prefetch…)&#xa0;: elle révélerait à un traceur que l&apos;email a été ouvert.</numerusform>
            <numerusform>%n indications de connexion retirées (preconnect, prefetch…)&#xa0;: elles révéleraient à un traceur que l&apos;email a été ouvert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n referenced file(s) not found beside the email.</source>
        <translation>
            <numerusform>%n fichier référencé introuvable à côté de l&apos;email.</numerusform>
            <numerusform>%n fichiers référencés introuvables à côté de l&apos;email.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Approved over %n error(s) by %1 on %2.</source>
        <translation>
            <numerusform>Validé malgré %n erreur ouverte, par %1 le %2.</numerusform>
            <numerusform>Validé malgré %n erreurs ouvertes, par %1 le %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>over %n error(s)</source>
        <translation>
            <numerusform>malgré %n erreur</numerusform>
            <numerusform>malgré %n erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>BAT %1 still has %n error(s) open:</source>
        <translation>
            <numerusform>Le BAT %1 a encore %n erreur ouverte&#xa0;:</numerusform>
            <numerusform>Le BAT %1 a encore %n erreurs ouvertes&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>…and %n more (Findings tab).</source>
        <translation>
            <numerusform>…et %n autre (onglet Constats).</numerusform>
            <numerusform>…et %n autres (onglet Constats).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The client approves this round (Alt+A). %n error(s) open: you will be asked to confirm, and the override is recorded under your name.</source>
        <translation>
            <numerusform>Le client valide ce BAT (Alt+A). %n erreur ouverte&#xa0;: une confirmation vous sera demandée, et le passage outre sera enregistré à votre nom.</numerusform>
            <numerusform>Le client valide ce BAT (Alt+A). %n erreurs ouvertes&#xa0;: une confirmation vous sera demandée, et le passage outre sera enregistré à votre nom.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No proof to decide on yet: import one first (Ctrl+I).</source>
        <translation>Aucun BAT à valider pour l’instant&#xa0;: importez-en un d’abord (Ctrl+I).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BAT %1 replaced this round: the client decides on the latest one.</source>
        <translation>Le BAT %1 a remplacé cette version&#xa0;: le client se prononce sur la plus récente.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This round is already approved. If the client changes their mind, request changes.</source>
        <translation>Ce BAT est déjà validé. Si le client change d’avis, demandez des modifications.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Changes are already requested on this round: import the next proof (Ctrl+I).</source>
        <translation>Des modifications sont déjà demandées sur ce BAT&#xa0;: importez le suivant (Ctrl+I).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>“%1” does not exist (moved or deleted?).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;existe pas (déplacé ou supprimé ?).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” cannot be read (a folder, or no permission).</source>
        <translation>«&#xa0;%1&#xa0;» ne peut pas être lu (un dossier, ou pas d&apos;autorisation).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is too large for an email proof (over 15 MB).</source>
        <translation>«&#xa0;%1&#xa0;» est trop lourd pour un BAT d&apos;email (plus de 15 Mo).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” holds no HTML version of the email.</source>
        <translation>«&#xa0;%1&#xa0;» ne contient pas de version HTML de l&apos;email.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not an .html, .eml or .zip email.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un email .html, .eml ou .zip.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not an email (binary data).</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un email (données binaires).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1” is empty: there is no email in it. Nothing was imported.</source>
        <translation>«&#xa0;%1&#xa0;» est vide&#xa0;: il ne contient aucun e-mail. Rien n’a été importé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” was refused: its parts are nested far deeper than a real email&apos;s. Nothing was imported.</source>
        <translation>«&#xa0;%1&#xa0;» a été refusé&#xa0;: ses parties sont imbriquées bien plus profondément que celles d’un vrai e-mail. Rien n’a été importé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” was refused: it has far more parts than a real email. Nothing was imported.</source>
        <translation>«&#xa0;%1&#xa0;» a été refusé&#xa0;: il a bien plus de parties qu’un vrai e-mail. Rien n’a été importé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” is not a readable .zip archive.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une archive .zip lisible.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” was refused: a file in the archive points outside it (“..” or an absolute path). Nothing was extracted.</source>
        <translation>«&#xa0;%1&#xa0;» a été refusé&#xa0;: un fichier de l&apos;archive pointe hors de celle-ci («&#xa0;..&#xa0;» ou chemin absolu). Rien n&apos;a été extrait.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” was refused: it unpacks to far more than an email can weigh (a zip bomb?).</source>
        <translation>«&#xa0;%1&#xa0;» a été refusé&#xa0;: décompressé, il pèse bien plus qu&apos;un email ne peut peser (une bombe zip ?).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” holds several HTML files and no index.html: keep only the email&apos;s.</source>
        <translation>«&#xa0;%1&#xa0;» contient plusieurs fichiers HTML et aucun index.html&#xa0;: ne gardez que celui de l&apos;email.</translation>
    </message>
</context>
<context>
    <name>BatWindow</name>
    <message>
        <location filename="../../ui/bat/commands.py" line="+50"/>
        <source>decision: %1</source>
        <translation>décision&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>approval over open errors</source>
        <translation>validation malgré des erreurs ouvertes</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>feedback</source>
        <translation>retour</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>remove feedback</source>
        <translation>suppression d&apos;un retour</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>allow remote images</source>
        <translation>autorisation des images distantes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>block remote images</source>
        <translation>blocage des images distantes</translation>
    </message>
    <message>
        <location filename="../../ui/bat/proof_view.py" line="+56"/>
        <source>Desktop</source>
        <extracomment>A control moved: the proof is shown again (not a workspace change).</extracomment>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side by side</source>
        <translation>Côte à côte</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show images; off shows the email as with images blocked</source>
        <translation>Afficher les images&#xa0;; désactivé, l&apos;email s&apos;affiche comme avec les images bloquées</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Dark mode</source>
        <translation>Mode sombre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Render as a mail client in dark mode does</source>
        <translation>Afficher comme un client mail en mode sombre</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Zoom arrière (Ctrl+-)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zoom avant (Ctrl++)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Persona:</source>
        <translation>Persona&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sample recipient filling the personalisation tags</source>
        <translation>Le destinataire fictif qui remplit les balises de personnalisation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Raw tags</source>
        <translation>Balises brutes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the tags as the ESP receives them (Ctrl+T)</source>
        <translation>Afficher les balises telles que le routeur les reçoit (Ctrl+T)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Load remote images</source>
        <translation>Charger les images distantes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote images and tracking pixels stay blocked until allowed for this round</source>
        <translation>Les images distantes et les pixels de suivi restent bloqués tant qu&apos;ils ne sont pas autorisés pour ce BAT</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Default sample</source>
        <translation>Exemple par défaut</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remote images allowed for this round</source>
        <translation>Images distantes autorisées pour ce BAT</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No remote request</source>
        <translation>Aucune requête distante</translation>
    </message>
    <message>
        <location filename="../../ui/bat/window.py" line="+124"/>
        <source>BAT — %1</source>
        <extracomment>The size the window opens at when the screen has room; a laptop gets its available area. The side tabs&apos; narrowest, so the findings and the feedback stay readable. The open errors the approval question lists; the rest are counted (the Findings tab has all).</extracomment>
        <translation>BAT — %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+290"/>
        <source>The round shown (Alt+Left / Alt+Right)</source>
        <translation>Le BAT affiché (Alt+Gauche / Alt+Droite)</translation>
    </message>
    <message>
        <location line="-285"/>
        <location line="+575"/>
        <source>&amp;Import a proof…</source>
        <translation>&amp;Importer un BAT…</translation>
    </message>
    <message>
        <location line="-572"/>
        <source>An .html, .eml or .zip file (Ctrl+I), or drop it here</source>
        <translation>Un fichier .html, .eml ou .zip (Ctrl+I), ou déposez-le ici</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Co&amp;mpare…</source>
        <translation>Co&amp;mparer…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What changed between two rounds (Ctrl+D)</source>
        <translation>Ce qui a changé entre deux BAT (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Send a test…</source>
        <translation>&amp;Envoyer un test…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send this round to the client&apos;s contacts (Ctrl+Shift+S)</source>
        <translation>Envoyer ce BAT aux contacts du client (Ctrl+Maj+S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Personas…</source>
        <translation>&amp;Personas…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client&apos;s sample recipients that fill the personalisation tags</source>
        <translation>Les destinataires fictifs du client qui remplissent les balises de personnalisation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Review mode</source>
        <translation>Mode &amp;revue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full screen for the session with the client (F11)</source>
        <translation>Plein écran pour la séance avec le client (F11)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No proof yet for this campaign.

Import the email as an .html, .eml or .zip file (Ctrl+I), or drop it on this window: it becomes BAT 1.</source>
        <translation>Pas encore de BAT pour cette campagne.

Importez l&apos;email en fichier .html, .eml ou .zip (Ctrl+I), ou déposez-le sur cette fenêtre&#xa0;: il devient le BAT 1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Decision</source>
        <translation>Décision</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finding</source>
        <translation>Constat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+266"/>
        <source>Personalisation</source>
        <translation>Personnalisation</translation>
    </message>
    <message>
        <location line="-264"/>
        <source>Safety</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <location line="+335"/>
        <source>Approve with errors open?</source>
        <translation>Valider malgré des erreurs ouvertes&#x202f;?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Approving anyway records this override on the round under your name, %1, with the date and these errors. Undo (Ctrl+Z) takes it back.</source>
        <translation>Valider quand même enregistre ce passage outre sur le BAT à votre nom, %1, avec la date et ces erreurs. Annuler (Ctrl+Z) le retire.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approve anyway</source>
        <translation>Valider quand même</translation>
    </message>
    <message>
        <location filename="../../ui/bat/review_mode.py" line="+93"/>
        <location filename="../../ui/bat/window.py" line="-322"/>
        <source>&amp;Approve</source>
        <translation>&amp;Valider</translation>
    </message>
    <message>
        <location filename="../../ui/bat/window.py" line="+176"/>
        <source>The client approves this round (Alt+A)</source>
        <translation>Le client valide ce BAT (Alt+V)</translation>
    </message>
    <message>
        <location filename="../../ui/bat/review_mode.py" line="+3"/>
        <location filename="../../ui/bat/window.py" line="-172"/>
        <source>Request &amp;changes</source>
        <translation>&amp;Demander des modifications</translation>
    </message>
    <message>
        <location filename="../../ui/bat/window.py" line="+176"/>
        <source>The client asks for another round (Alt+C)</source>
        <translation>Le client demande un nouveau BAT (Alt+D)</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Delete removes the selected feedback</source>
        <translation>Suppr retire le retour sélectionné</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the client says about this round… (Ctrl+Enter adds it)</source>
        <translation>Ce que le client dit de ce BAT… (Ctrl+Entrée l&apos;ajoute)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Optionally, the link or element the feedback is about</source>
        <translation>Facultatif&#xa0;: le lien ou l&apos;élément concerné par le retour</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About (optional): a link, an image…</source>
        <translation>Concerne (facultatif)&#xa0;: un lien, une image…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add feedback</source>
        <translation>Ajouter le retour</translation>
    </message>
    <message>
        <location filename="../../ui/bat/review_mode.py" line="+18"/>
        <location filename="../../ui/bat/window.py" line="+11"/>
        <source>Feedback</source>
        <translation>Retours</translation>
    </message>
    <message>
        <location filename="../../ui/bat/window.py" line="+57"/>
        <source>BAT %1 — %2 — %3</source>
        <translation>BAT %1 — %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/bat/details.py" line="+50"/>
        <source>Imported from “%1” by %2 on %3.</source>
        <translation>Importé depuis «&#xa0;%1&#xa0;» par %2 le %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sent as a test to %1 on %2.</source>
        <translation>Envoyé en test à %1 le %2.</translation>
    </message>
    <message>
        <location filename="../../ui/bat/window.py" line="+116"/>
        <source>Findings (%1)</source>
        <translation>Constats (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/bat/details.py" line="+64"/>
        <source>The preview neutralised:</source>
        <translation>L&apos;aperçu a neutralisé&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing active in this email: no script, frame or form.</source>
        <translation>Rien d&apos;actif dans cet email&#xa0;: ni script, ni cadre, ni formulaire.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>JavaScript is off; the preview reads only this round&apos;s files and blocks remote requests until you allow them.</source>
        <translation>JavaScript est désactivé&#xa0;; l&apos;aperçu ne lit que les fichiers de ce BAT et bloque les requêtes distantes tant que vous ne les autorisez pas.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not filled by this persona:</source>
        <translation>Non remplies par ce persona&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filled:</source>
        <translation>Remplies&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filled by the ESP when sending:</source>
        <translation>Remplies par le routeur à l&apos;envoi&#xa0;:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No personalisation tag in this email.</source>
        <translation>Aucune balise de personnalisation dans cet email.</translation>
    </message>
    <message>
        <location filename="../../ui/bat/window.py" line="+155"/>
        <source>Import a proof</source>
        <translation>Importer un BAT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emails (*.html *.htm *.eml *.zip);;All files (*)</source>
        <translation>Emails (*.html *.htm *.eml *.zip);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/bat/compare_dialog.py" line="+39"/>
        <source>Compare two rounds</source>
        <translation>Comparer deux BAT</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>BAT %1</source>
        <translation>BAT %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The two rounds read the same.</source>
        <translation>Les deux BAT ont le même texte et les mêmes liens.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>added</source>
        <translation>ajouté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <translation>retiré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>modifié</translation>
    </message>
    <message>
        <location filename="../../ui/bat/review_mode.py" line="-46"/>
        <source>Review — %1</source>
        <translation>Revue — %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Space ticks or unticks the selected item</source>
        <translation>Espace coche ou décoche le point sélectionné</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Feedback from the client… (Ctrl+Enter adds it)</source>
        <translation>Retour du client… (Ctrl+Entrée l&apos;ajoute)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Leave (Esc)</source>
        <translation>Quitter (Échap)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Checklist — BAT</source>
        <translation>Checklist — BAT</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Alt+A approve · Alt+C request changes · Ctrl+Enter add feedback · Ctrl+1/2/3 desktop, mobile, both · Alt+←/→ rounds · Esc leave</source>
        <translation>Alt+V valider · Alt+D demander des modifications · Ctrl+Entrée ajouter un retour · Ctrl+1/2/3 ordinateur, mobile, les deux · Alt+←/→ BAT · Échap quitter</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>BAT %1 — %2</source>
        <translation>BAT %1 — %2</translation>
    </message>
</context>
<context>
    <name>BriefEditor</name>
    <message>
        <location filename="../../ui/brief/editor.py" line="+139"/>
        <source>restore version %1</source>
        <translation>la restauration de la version %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Brief — %1 (%2)</source>
        <extracomment>The brief alone as a PDF, for the client to confirm (the campaign&apos;s id), once saved. The brief as last loaded or saved: what a save expects to find (issue 22).</extracomment>
        <translation>Brief — %1 (%2)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%p % complete</source>
        <translation>Complet à %p&#x202f;%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save as template…</source>
        <translation>Enregistrer comme modèle…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New briefs of this client and campaign type will start from this one</source>
        <translation>Les nouveaux briefs de ce client et de ce type de campagne partiront de celui-ci</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Brief as PDF…</source>
        <translation>Brief en PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The brief alone as a PDF, for the client to confirm (Ctrl+P)</source>
        <translation>Le brief seul en PDF, pour que le client le valide (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Context and objectives</source>
        <translation>Contexte et objectifs</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Opens</source>
        <translation>Ouvertures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clicks</source>
        <translation>Clics</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversions</source>
        <translation>Conversions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue</source>
        <translation>Chiffre d’affaires</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>none chosen yet</source>
        <translation>aucun choisi pour l’instant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KPI targets and audience</source>
        <translation>Objectifs KPI et cible</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tu (tutoiement)</source>
        <translation>Tu (tutoiement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vous (vouvoiement)</source>
        <translation>Vous (vouvoiement)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Button label</source>
        <translation>Libellé du bouton</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Landing URL (https)</source>
        <translation>URL de destination (https)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Asset</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File or link</source>
        <translation>Fichier ou lien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due (YYYY-MM-DD)</source>
        <translation>Échéance (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assets and deadlines</source>
        <translation>Éléments et échéances</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Free notes, in Markdown</source>
        <translation>Notes libres, en Markdown</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Write</source>
        <translation>Rédiger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Restore this version</source>
        <translation>Restaurer cette version</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select one version to compare it with the current brief, or two.</source>
        <translation>Sélectionnez une version pour la comparer au brief actuel, ou deux pour les comparer entre elles.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a file…</source>
        <translation>Importer un fichier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import the clipboard</source>
        <translation>Importer le presse-papiers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use the ticked suggestions</source>
        <translation>Utiliser les suggestions cochées</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Drop or choose a client&apos;s mail or document (.txt, .md, .eml, .docx): its text goes into the notes, and what looks like a link, a date, a discount or a promo code is offered below. Nothing is filled in until you tick it and confirm.</source>
        <translation>Déposez ou choisissez un e-mail ou un document du client (.txt, .md, .eml, .docx)&#xa0;: son texte est ajouté aux notes, et ce qui ressemble à un lien, une date, une remise ou un code promo vous est proposé ci-dessous. Rien n’est rempli tant que vous ne l’avez pas coché et confirmé.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Completeness</source>
        <translation>Complétude</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The campaign&apos;s BAT deadline, as its checklist counts it (the client&apos;s approval of the BAT). Move the campaign in the calendar to change it.</source>
        <translation>L’échéance du BAT de la campagne, telle que sa checklist la compte (validation du BAT par le client). Déplacez la campagne dans le calendrier pour la changer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The campaign&apos;s send date. Move the campaign in the calendar to change it.</source>
        <translation>La date d’envoi de la campagne. Déplacez la campagne dans le calendrier pour la changer.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Save as template</source>
        <translation>Enregistrer comme modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the template (for %1, %2):</source>
        <translation>Nom du modèle (pour %1, %2)&#xa0;:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Template “%1” saved</source>
        <translation>Modèle «&#xa0;%1&#xa0;» enregistré</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Nothing missing: the brief is complete.</source>
        <translation>Rien ne manque&#xa0;: le brief est complet.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Completeness (%1 %)</source>
        <translation>Complétude (%1&#x202f;%)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Not saved yet…</source>
        <translation>Pas encore enregistré…</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+13"/>
        <location line="+4"/>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved at %1 (version %2)</source>
        <translation>Enregistré à %1 (version %2)</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Reloaded with their changes and saved yours on top. You both changed %1: your text was kept (marked); check it.</source>
        <translation>Rechargé avec leurs modifications, et les vôtres enregistrées par-dessus. Vous avez tous deux modifié %1&#xa0;: votre texte a été gardé (signalé)&#xa0;; vérifiez-le.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reloaded with their changes and saved yours on top.</source>
        <translation>Rechargé avec leurs modifications, et les vôtres enregistrées par-dessus.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Your changes were discarded</source>
        <translation>Vos modifications ont été abandonnées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your changes were discarded: the brief as it is now.</source>
        <translation>Vos modifications ont été abandonnées&#xa0;: voici le brief tel qu’il est maintenant.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>restored from version %1</source>
        <translation>restaurée depuis la version %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>first version</source>
        <translation>première version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no change</source>
        <translation>aucune modification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Version %1 — %2 — %3</source>
        <translation>Version %1 — %2 — %3</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Import a client&apos;s mail or document</source>
        <translation>Importer un e-mail ou un document du client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mails and documents (*.txt *.md *.eml *.docx);;All files (*)</source>
        <translation>E-mails et documents (*.txt *.md *.eml *.docx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Imported from %1</source>
        <translation>Importé depuis %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>check this link</source>
        <translation>vérifiez ce lien</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
</context>
<context>
    <name>BriefLabels</name>
    <message>
        <location filename="../../ui/brief/labels.py" line="+12"/>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Primary objective</source>
        <translation>Objectif principal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondary objectives</source>
        <translation>Objectifs secondaires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KPI targets</source>
        <translation>Objectifs KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>Cible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer conditions</source>
        <translation>Conditions de l’offre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer valid from</source>
        <translation>Offre valable à partir du</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer valid until</source>
        <translation>Offre valable jusqu’au</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promo code</source>
        <translation>Code promo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key message</source>
        <translation>Message clé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject-line ideas</source>
        <translation>Idées d’objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preheader idea</source>
        <translation>Idée de pré-header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls to action</source>
        <translation>Appels à l’action (CTA)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mandatory mentions</source>
        <translation>Mentions obligatoires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assets</source>
        <translation>Éléments (visuels, textes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assets due</source>
        <translation>Échéance des éléments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BAT due</source>
        <translation>Échéance BAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send date</source>
        <translation>Date d’envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tone</source>
        <translation>Ton</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign segments</source>
        <translation>Segments de la campagne</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No objective: what must this campaign achieve?</source>
        <translation>Aucun objectif&#xa0;: quel est le but de cette campagne&#x202f;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No KPI target: set at least one (open, click, conversions, revenue).</source>
        <translation>Aucun objectif KPI&#xa0;: fixez-en au moins un (ouvertures, clics, conversions, chiffre d’affaires).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No call to action.</source>
        <translation>Aucun appel à l’action.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The CTA “%1” has no URL.</source>
        <translation>Le CTA «&#xa0;%1&#xa0;» n’a pas d’URL.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The URL of “%1” is not a valid web address.</source>
        <translation>L’URL de «&#xa0;%1&#xa0;» n’est pas une adresse web valide.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The URL of “%1” is not https.</source>
        <translation>L’URL de «&#xa0;%1&#xa0;» n’est pas en https.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tone not set: tu or vous?</source>
        <translation>Ton non défini&#xa0;: tu ou vous&#x202f;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The offer ends before the send.</source>
        <translation>L’offre se termine avant l’envoi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The offer ends before it starts.</source>
        <translation>L’offre se termine avant d’avoir commencé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The BAT deadline is after the send.</source>
        <translation>L’échéance du BAT tombe après l’envoi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client requires a mandatory mention, and it is empty.</source>
        <translation>Le client exige une mention obligatoire, mais le champ est vide.</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <location filename="../../ui/time/budget_dialog.py" line="+65"/>
        <source>Budget of “%1”</source>
        <translation>Budget de «&#xa0; %1 &#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly budget of a client</source>
        <translation>Budget mensuel d’un client</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Month</source>
        <translation>&amp;Mois</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days</source>
        <translation>Jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Euros</source>
        <translation>Euros</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Unit</source>
        <translation>&amp;Unité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Budget</source>
        <translation>&amp;Budget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spent</source>
        <translation>Consommé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;lear budget</source>
        <translation>&amp;Supprimer le budget</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this budget (Ctrl+Z brings it back)</source>
        <translation>Supprimer ce budget (Ctrl+Z le rétablit)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No budget yet.</source>
        <translation>Pas encore de budget.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A budget is more than zero; to remove it, press Clear.</source>
        <translation>Un budget est supérieur à zéro&#x202f;; pour le retirer, cliquez sur Supprimer le budget.</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../ui/calendar/page.py" line="+123"/>
        <source>Displayed period</source>
        <extracomment>Periods kept (least recently shown dropped first). A grid&apos;s period holds only what its cells show, so twelve stay small even at 100,000 campaigns. start, end, filters, with holidays, language, items read per day (None: all, the agenda): everything a period&apos;s content depends on. More items than any day holds: a visible read of one day that is the whole day. A campaign&apos;s time menu asked (right-click): its id and the global position. The status and channel menus: facet → (button, its text, its checkable actions).</extracomment>
        <translation>Période affichée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to today (T)</source>
        <translation>Aller à aujourd’hui (T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous period (Page Up)</source>
        <translation>Période précédente (Page préc.)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next period (Page Down)</source>
        <translation>Période suivante (Page suiv.)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Clients:</source>
        <translation>Clients&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manage clients…</source>
        <translation>Gérer les clients…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add, edit or archive clients, their segments and contacts (Ctrl+Shift+K)</source>
        <translation>Ajouter, modifier ou archiver les clients, leurs segments et leurs contacts (Ctrl+Maj+K)</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Show all</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Show or hide the campaigns of %1</source>
        <translation>Afficher ou masquer les campagnes de %1</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>Week %1 · %2 – %3</source>
        <translation>Semaine %1 · %2 – %3</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campagne</numerusform>
            <numerusform>%n campagnes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n over pressure cap</source>
        <translation>
            <numerusform>%n dépasse le plafond de pression</numerusform>
            <numerusform>%n dépassent le plafond de pression</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../ui/dialogs/campaign_dialog.py" line="+89"/>
        <source>Edit campaign</source>
        <extracomment>The campaign&apos;s version and values as loaded (or reloaded): what a save expects.</extracomment>
        <translation>Modifier la campagne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New campaign</source>
        <translation>Nouvelle campagne</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No client yet: create one first (New client…), then plan its campaign.</source>
        <translation>Aucun client pour l’instant&#xa0;: créez-en un (Nouveau client…), puis planifiez sa campagne.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New cl&amp;ient…</source>
        <translation>Nouveau cl&amp;ient…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a client in the Clients window</source>
        <translation>Créer un client dans la fenêtre Clients</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. Spring offer –40 % on all magazines</source>
        <translation>ex.&#xa0;: offre de printemps –40&#x202f;% sur tous les magazines</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name</source>
        <translation>No&amp;m</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Type</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hannel</source>
        <translation>C&amp;anal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send &amp;on</source>
        <translation>&amp;Envoi le</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Se&amp;gments</source>
        <translation>Se&amp;gments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Follows</source>
        <translation>Fait s&amp;uite à</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Volume</source>
        <translation>&amp;Volume</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Su&amp;bject</source>
        <translation>&amp;Objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preheader</source>
        <translation>&amp;Pré-header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;ESP</source>
        <translation>&amp;Routeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No&amp;tes</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>B&amp;rief…</source>
        <translation>&amp;Brief…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the brief of this campaign (Ctrl+B)</source>
        <translation>Ouvrir le brief de cette campagne (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check&amp;list…</source>
        <translation>Check&amp;list…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the checklist of this campaign (Ctrl+L)</source>
        <translation>Ouvrir la checklist de cette campagne (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>B&amp;AT…</source>
        <translation>B&amp;AT…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the BAT rounds of this campaign (Ctrl+R)</source>
        <translation>Ouvrir les BAT de cette campagne (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>D+&amp;5 stats…</source>
        <translation>Stats J+&amp;5…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the figures and KPIs of this campaign (Ctrl+J)</source>
        <translation>Ouvrir les chiffres et les KPI de cette campagne (Ctrl+J)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recap P&amp;DF…</source>
        <translation>Récap P&amp;DF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make the recap of this campaign as a PDF (Ctrl+P)</source>
        <translation>Faire le récapitulatif de cette campagne en PDF (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>— none —</source>
        <extracomment>Every field of ``CampaignInput`` and its editor, to name and mark it after a reload.</extracomment>
        <translation>— aucune —</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is a public holiday (%2): sends on holidays often perform worse.</source>
        <translation>Le %1 est un jour férié (%2)&#xa0;: les envois des jours fériés obtiennent souvent de moins bons résultats.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is a blackout date of the client (%2): they asked for no sends.</source>
        <translation>%1 est une date bloquée du client (%2)&#xa0;: il ne veut pas d’envoi ce jour-là.</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Reloaded: their changes are in, and yours are applied on top. You both changed %1: your version is kept (marked). Check it, then press OK to save.</source>
        <translation>Rechargé&#xa0;: leurs modifications sont là, et les vôtres appliquées par-dessus. Vous avez tous deux modifié %1&#xa0;: votre version est gardée (signalée). Vérifiez-la, puis appuyez sur OK pour enregistrer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reloaded: their changes are in, and yours are applied on top. Press OK to save.</source>
        <translation>Rechargé&#xa0;: leurs modifications sont là, et les vôtres appliquées par-dessus. Appuyez sur OK pour enregistrer.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Your changes were discarded: the campaign as it is now.</source>
        <translation>Vos modifications ont été abandonnées&#xa0;: voici la campagne telle qu’elle est maintenant.</translation>
    </message>
</context>
<context>
    <name>CampaignPicker</name>
    <message>
        <location filename="../../ui/time/desk.py" line="+92"/>
        <source>Switch the timer</source>
        <translation>Changer le chrono de campagne</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ampaign</source>
        <translation>C&amp;ampagne</translation>
    </message>
</context>
<context>
    <name>CampaignTimeBox</name>
    <message>
        <location line="+40"/>
        <source>B&amp;udget…</source>
        <translation>B&amp;udget…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add ti&amp;me…</source>
        <translation>Saisir du te&amp;mps…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Time spent: %1</source>
        <translation>Temps passé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No budget</source>
        <translation>Pas de budget</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Budget: %1 — %2</source>
        <translation>Budget&#xa0;: %1 — %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stop timer</source>
        <translation>Arrêter le chrono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start timer</source>
        <translation>Démarrer le chrono</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the timer and bill its time</source>
        <translation>Arrêter le chrono et saisir son temps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time your work on this campaign (Ctrl+Shift+T)</source>
        <translation>Chronométrer votre travail sur cette campagne (Ctrl+Maj+T)</translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <location filename="../../ui/stats/charts.py" line="+106"/>
        <source>Save as PNG…</source>
        <extracomment>The suggested file name (without suffix) of &quot;Save as…&quot;.</extracomment>
        <translation>Enregistrer en PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as SVG…</source>
        <translation>Enregistrer en SVG…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG image (*.svg)</source>
        <translation>Image SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+14"/>
        <source>Save the chart</source>
        <translation>Enregistrer le graphique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chart could not be saved: %1</source>
        <translation>Le graphique n’a pas pu être enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ChartersDialog</name>
    <message>
        <location filename="../../ui/checklist/charters_dialog.py" line="+60"/>
        <source>Outlook (Windows)</source>
        <extracomment>Mail clients French readers use beyond the defaults, as caniemail.com keys.</extracomment>
        <translation>Outlook (Windows)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gmail (webmail)</source>
        <translation>Gmail (webmail)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gmail (iPhone)</source>
        <translation>Gmail (iPhone)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gmail (Android)</source>
        <translation>Gmail (Android)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outlook.com</source>
        <translation>Outlook.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apple Mail (Mac)</source>
        <translation>Apple Mail (Mac)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apple Mail (iPhone)</source>
        <translation>Apple Mail (iPhone)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yahoo (webmail)</source>
        <translation>Yahoo (webmail)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samsung Email</source>
        <translation>Samsung Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orange (webmail)</source>
        <translation>Orange (webmail)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SFR (webmail)</source>
        <translation>SFR (webmail)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free (webmail)</source>
        <translation>Free (webmail)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>La Poste (webmail)</source>
        <translation>La Poste (webmail)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Charters — %1</source>
        <translation>Chartes — %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The automatic checks hold %1&apos;s emails to these rules. A rule left empty is not checked.</source>
        <translation>Les contrôles automatiques vérifient les emails de %1 selon ces règles. Une règle laissée vide n’est pas contrôlée.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vous (vouvoiement)</source>
        <translation>Vous (vouvoiement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tu (tutoiement)</source>
        <translation>Tu (tutoiement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not set (not checked)</source>
        <translation>Non défini (non contrôlé)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>One word or phrase a line</source>
        <translation>Un mot ou une expression par ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One mention a line, e.g. the legal notice</source>
        <translation>Une mention par ligne, par exemple les mentions légales</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Editorial charter</source>
        <translation>Charte éditoriale</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tone</source>
        <translation>Ton</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Banned words</source>
        <translation>Mots interdits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mandatory mentions</source>
        <translation>Mentions obligatoires</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick a colour…</source>
        <translation>Choisir une couleur…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Graphic charter: palette</source>
        <translation>Charte graphique&#xa0;: palette</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colours of text, backgrounds and buttons outside it are reported.</source>
        <translation>Les couleurs de texte, de fond et de bouton hors palette sont signalées.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every key must be in each link; a value must match; {campaign} stands for the campaign&apos;s name as a slug, {…} for any value. Empty: utm_source, utm_medium and utm_campaign must be there.</source>
        <translation>Chaque clé doit figurer dans chaque lien&#xa0;; une valeur doit correspondre&#xa0;; {campaign} représente le nom de la campagne en slug, {…} n’importe quelle valeur. Vide&#xa0;: utm_source, utm_medium et utm_campaign doivent être présents.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>UTM convention</source>
        <translation>Convention UTM</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mail clients of the readers</source>
        <translation>Messageries des destinataires</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CSS and HTML these clients do not support are reported (caniemail.com data).</source>
        <translation>Le CSS et le HTML que ces messageries ne prennent pas en charge sont signalés (données caniemail.com).</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>“%1” is not a colour: use #rrggbb, for example #1d4ed8.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une couleur&#xa0;: utilisez #rrvvbb, par exemple #1d4ed8.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A colour of %1&apos;s palette</source>
        <translation>Une couleur de la palette de %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>charters of %1</source>
        <translation>les chartes de %1</translation>
    </message>
</context>
<context>
    <name>ChecklistLabels</name>
    <message>
        <location filename="../../ui/checklist/labels.py" line="+28"/>
        <location filename="../../ui/time/formats.py" line="+68"/>
        <source>Strategy</source>
        <extracomment>Colours shared by the window and the dialogs (readable on light and dark Fusion palettes).</extracomment>
        <translation>Stratégie</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/time/formats.py" line="+1"/>
        <source>Production</source>
        <translation>Production</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/time/formats.py" line="+1"/>
        <source>BAT</source>
        <translation>BAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/time/formats.py" line="+1"/>
        <source>Send</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/time/formats.py" line="+1"/>
        <source>Analysis</source>
        <translation>Analyse J+5</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="-51"/>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/labels.py" line="+6"/>
        <source>To do</source>
        <translation>À faire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Links and UTM</source>
        <translation>Liens et UTM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsubscribe and mirror link</source>
        <translation>Désinscription et version en ligne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject, preheader, title</source>
        <translation>Objet, pré-header, titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leftovers</source>
        <translation>Textes provisoires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Editorial charter</source>
        <translation>Charte éditoriale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Graphic charter</source>
        <translation>Charte graphique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail client compatibility</source>
        <translation>Compatibilité messageries</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sender rules</source>
        <translation>Règles expéditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accessibility</source>
        <translation>Accessibilité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="-13"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information</source>
        <translation>Informations</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/labels.py" line="+9"/>
        <source>D</source>
        <translation>J</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This file does not exist any more.</source>
        <translation>Ce fichier n’existe plus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file could not be read.</source>
        <translation>Ce fichier n’a pas pu être lu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file is not an email: it looks like an image, a PDF or a program.</source>
        <translation>Ce fichier n’est pas un email&#xa0;: il ressemble à une image, un PDF ou un programme.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This file is too large to be an email.</source>
        <translation>Ce fichier est trop volumineux pour être un email.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file holds no HTML to check (a text-only email?).</source>
        <translation>Ce fichier ne contient pas de HTML à contrôler (un email en texte seul ?).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This kind of file cannot be checked: use .html, .htm or .eml.</source>
        <translation>Ce type de fichier ne peut pas être contrôlé&#xa0;: utilisez .html, .htm ou .eml.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is empty.</source>
        <translation>Ce fichier est vide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This email&apos;s parts are nested far deeper than a real email&apos;s.</source>
        <translation>Les parties de cet e-mail sont imbriquées bien plus profondément que celles d’un vrai e-mail.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This email has far more parts than a real email.</source>
        <translation>Cet e-mail a bien plus de parties qu’un vrai e-mail.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A checklist needs at least one item.</source>
        <translation>Une checklist doit compter au moins une tâche.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Item %1 has no label.</source>
        <translation>La tâche %1 n’a pas d’intitulé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item %1: the label is longer than 300 characters.</source>
        <translation>Tâche %1&#xa0;: l’intitulé dépasse 300 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Item %1: the due day must be within a year of the send.</source>
        <translation>Tâche %1&#xa0;: l’échéance doit se situer à moins d’un an de l’envoi.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The tone is “tu”, “vous” or not set.</source>
        <translation>Le ton est «&#xa0;tu&#xa0;», «&#xa0;vous&#xa0;» ou non défini.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not a colour: use #rrggbb, for example #1d4ed8.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une couleur&#xa0;: utilisez #rrvvbb, par exemple #1d4ed8.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The UTM convention is longer than 500 characters.</source>
        <translation>La convention UTM dépasse 500 caractères.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Failed by the check of %1: %2</source>
        <translation>En échec après le contrôle de %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ticked by the check of %1: %2</source>
        <translation>Cochée par le contrôle de %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>ChecklistWindow</name>
    <message>
        <location filename="../../ui/kit/formats.py" line="+69"/>
        <source>%1 KB</source>
        <translation>%1 Ko</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/commands.py" line="+48"/>
        <source>“%1” → %2</source>
        <translation>«&#xa0;%1&#xa0;» → %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>comment on “%1”</source>
        <translation>le commentaire de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>check run of %1</source>
        <translation>le contrôle de %1</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/window.py" line="+126"/>
        <location line="+305"/>
        <source>Checklist — %1 (%2)</source>
        <extracomment>The ``Changes`` flags after which the checklist is read again (for its campaign).</extracomment>
        <translation>Checklist — %1 (%2)</translation>
    </message>
    <message>
        <location line="-284"/>
        <source>Template…</source>
        <translation>Modèle…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The items new campaigns of this client and type start with</source>
        <translation>Les tâches de départ des nouvelles campagnes de ce client et de ce type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Charters…</source>
        <translation>Chartes…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client&apos;s tone, banned words, mentions, colours and mail clients</source>
        <translation>Ton, mots interdits, mentions, couleurs et messageries du client</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/items.py" line="+131"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done by</source>
        <translation>Fait par</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checklist items</source>
        <translation>Tâches de la checklist</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/window.py" line="+85"/>
        <source>Done</source>
        <translation>Fait</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not applicable</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+360"/>
        <source>Comment…</source>
        <translation>Commentaire…</translation>
    </message>
    <message>
        <location line="-359"/>
        <source>Comment on the item (F2 or Ctrl+Enter)</source>
        <translation>Commenter la tâche (F2 ou Ctrl+Entrée)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 (%2). Press again to set the item back to “to do”.</source>
        <translation>%1 (%2). Appuyez de nouveau pour la remettre «&#xa0;à faire&#xa0;».</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check an email…</source>
        <translation>Contrôler un email…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the campaign&apos;s HTML or .eml file (Ctrl+Shift+C); you can drop it here</source>
        <translation>Contrôler le fichier HTML ou .eml de la campagne (Ctrl+Maj+C)&#xa0;; vous pouvez aussi le déposer ici</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking…</source>
        <translation>Contrôle en cours…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic checks</source>
        <translation>Contrôles automatiques</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;p&gt;&lt;b&gt;No email checked yet for this campaign.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Click &lt;b&gt;Check an email…&lt;/b&gt; (Ctrl+Shift+C) or drop the campaign&apos;s .html or .eml file on this window.&lt;/p&gt;&lt;p&gt;crmdesk checks its links and UTM tags, unsubscribe link, images, weight, texts, the client&apos;s charters and mail-client support, and ticks or fails the checklist items marked &lt;i&gt;auto&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Aucun email contrôlé pour cette campagne.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Cliquez sur &lt;b&gt;Contrôler un email…&lt;/b&gt; (Ctrl+Maj+C) ou déposez le fichier .html ou .eml de la campagne sur cette fenêtre.&lt;/p&gt;&lt;p&gt;crmdesk contrôle ses liens et balises UTM, le lien de désinscription, les images, le poids, les textes, les chartes du client et la compatibilité des messageries, puis coche ou met en échec les tâches marquées &lt;i&gt;auto&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/findings.py" line="+80"/>
        <source>Finding</source>
        <extracomment>Widest the check column grows: the message column beside it must keep room to wrap.</extracomment>
        <translation>Constat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/window.py" line="+26"/>
        <source>Find in the source (Ctrl+F)</source>
        <translation>Rechercher dans le source (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HTML source</source>
        <translation>Source HTML</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>This campaign was deleted: its checklist is gone.</source>
        <translation>Cette campagne a été supprimée&#xa0;: sa checklist aussi.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 — %2 / %3</source>
        <translation>%1 — %2 / %3</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/items.py" line="+51"/>
        <source>Click or press Space to tick; N not applicable; F failed</source>
        <extracomment>Widest a column other than the item&apos;s label may grow to fit its texts: who ticked it and the comment are read in full in their tooltips; the label keeps the room. The item&apos;s label is what the operator reads: the other columns give way below this.</extracomment>
        <translation>Cliquez ou appuyez sur Espace pour cocher&#xa0;; N sans objet&#xa0;; F en échec</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ticked or failed by the automatic check “%1”</source>
        <translation>Cochée ou mise en échec par le contrôle automatique «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>overdue</source>
        <translation>en retard</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>auto check</source>
        <translation>contrôle auto</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/window.py" line="-263"/>
        <source>Yes, it went out</source>
        <translation>Oui, il est parti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick “Send went out” with your name and the time</source>
        <translation>Coche «&#xa0;Envoi parti&#xa0;» à votre nom, avec l’heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not yet</source>
        <translation>Pas encore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask again next time the checklist opens</source>
        <translation>Redemander à la prochaine ouverture de la checklist</translation>
    </message>
    <message>
        <location line="+297"/>
        <source>The send was planned for %1: did it go out?</source>
        <translation>L’envoi était prévu le %1&#xa0;: est-il parti&#x202f;?</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 / %2 done</source>
        <translation>%1 / %2 faites</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n overdue</source>
        <translation>
            <numerusform>%n en retard</numerusform>
            <numerusform>%n en retard</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Ticking as %1</source>
        <translation>Coché au nom de %1</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Check an email</source>
        <translation>Contrôler un email</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emails (*.html *.htm *.eml);;All files (*)</source>
        <translation>Emails (*.html *.htm *.eml);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Checking %1…</source>
        <translation>Contrôle de %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be checked. %2 Nothing was recorded.</source>
        <translation>%1 ne peut pas être contrôlé. %2 Rien n’a été enregistré.</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n info</source>
        <translation>
            <numerusform>%n information</numerusform>
            <numerusform>%n informations</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — checked %2 — %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — contrôlé le %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/findings.py" line="+53"/>
        <source>No finding: the email passed every check.</source>
        <translation>Aucun problème&#xa0;: l’email a passé tous les contrôles.</translation>
    </message>
    <message>
        <location filename="../../ui/checklist/window.py" line="+13"/>
        <source>Source of %1 — double-click a finding to go to its line</source>
        <translation>Source de %1 — double-cliquez sur un constat pour aller à sa ligne</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Source of %1 — line %2</source>
        <translation>Source de %1 — ligne %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“%1” is not in the source</source>
        <translation>«&#xa0;%1&#xa0;» ne figure pas dans le source</translation>
    </message>
</context>
<context>
    <name>ClientCommands</name>
    <message>
        <location filename="../../ui/clients/commands.py" line="+35"/>
        <source>create client “%1”</source>
        <translation>la création du client «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>edit client “%1”</source>
        <translation>la modification du client «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>archive client “%1”</source>
        <translation>l&apos;archivage du client «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore client “%1”</source>
        <translation>la restauration du client «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>delete client “%1”</source>
        <translation>la suppression du client «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>create segment “%1”</source>
        <translation>la création du segment «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>edit segment “%1”</source>
        <translation>la modification du segment «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>archive segment “%1”</source>
        <translation>l&apos;archivage du segment «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>restore segment “%1”</source>
        <translation>la restauration du segment «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>delete segment “%1”</source>
        <translation>la suppression du segment «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>add contact “%1”</source>
        <translation>l&apos;ajout du contact «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>import the contacts of “%1”</source>
        <translation>l’import des contacts de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>edit contact “%1”</source>
        <translation>la modification du contact «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>delete contact “%1”</source>
        <translation>la suppression du contact «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>ClientPlanDialog</name>
    <message>
        <location filename="../../ui/reports/client_plan_dialog.py" line="+197"/>
        <source>Client plan</source>
        <extracomment>The PDF was written (its path): for the status bar and the tests.</extracomment>
        <translation>Planning client</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Month</source>
        <translation>&amp;Mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quarter</source>
        <translation>&amp;Trimestre</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sends with their time, subject and segments, the BAT and analysis dates, blackout dates and holidays: never internal notes.</source>
        <translation>Les envois avec leur heure, leur objet et leurs segments, les dates de BAT et d’analyse, les dates à éviter et les jours fériés&#xa0;: jamais les notes internes.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Save as…</source>
        <translation>&amp;Enregistrer sous…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the plan to a PDF where you choose</source>
        <translation>Imprimer le planning en PDF à l’emplacement de votre choix</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add a client first: a plan is one client&apos;s.</source>
        <translation>Ajoutez d’abord un client&#xa0;: un planning est celui d’un client.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Save the client plan</source>
        <translation>Enregistrer le planning client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Printing the PDF…</source>
        <translation>Impression du PDF…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved to %1 (%2)</source>
        <translation>Enregistré dans %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ClientStatsPage</name>
    <message>
        <location filename="../../ui/stats/client_page.py" line="+57"/>
        <source>&amp;Opens</source>
        <extracomment>The client shown, for its quarterly review (the button, or Ctrl+P in the main window).</extracomment>
        <translation>&amp;Ouvertures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;licks</source>
        <translation>C&amp;lics</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Heat map of</source>
        <translation>Carte de chaleur des</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quarterly review…</source>
        <translation>Bilan &amp;trimestriel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This client&apos;s quarterly review as a PDF, with its roadmap (Ctrl+P)</source>
        <translation>Le bilan trimestriel de ce client en PDF, avec sa feuille de route (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12-month average</source>
        <translation>Moyenne sur 12 mois</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>KPI &amp;trend</source>
        <translation>É&amp;volution des KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send &amp;slots</source>
        <translation>&amp;Créneaux d’envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pressure</source>
        <translation>&amp;Pression</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Right-click a chart to save it as PNG or SVG.</source>
        <translation>Clic droit sur un graphique pour l’enregistrer en PNG ou SVG.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>All segments</source>
        <translation>Tous les segments</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Campaigns with figures over the last 12 months: %1.</source>
        <translation>Campagnes chiffrées sur les 12 derniers mois&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>ClientsWindow</name>
    <message>
        <location filename="../../ui/clients/window.py" line="+185"/>
        <source>Responsible</source>
        <extracomment>The colours a new client starts with: distinct at a glance in the calendar, readable on a light and a dark palette. The first one no client wears yet is offered.</extracomment>
        <translation>Responsable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accountable</source>
        <translation>Approbateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consulted</source>
        <translation>Consulté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Informed</source>
        <translation>Informé</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The client needs a name.</source>
        <translation>Le client doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+38"/>
        <location line="+16"/>
        <source>The name is longer than 120 characters.</source>
        <translation>Le nom dépasse 120 caractères.</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>A client named “%1” already exists.</source>
        <translation>Un client nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not a colour: type #rrggbb or choose one.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une couleur&#xa0;: saisissez #rrvvbb ou choisissez-en une.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a time zone: choose one in the list (e.g. Europe/Paris).</source>
        <translation>Ce n&apos;est pas un fuseau horaire&#xa0;: choisissez-en un dans la liste (par ex. Europe/Paris).</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+45"/>
        <source>“%1” is not an email address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse e-mail.</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>The pressure cap is at least 1 send a week.</source>
        <translation>La pression marketing max est d&apos;au moins 1 envoi par semaine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A deadline is 0 to 365 days from the send.</source>
        <translation>Une échéance se situe entre 0 et 365 jours de l&apos;envoi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The daily rate is an amount, e.g. 550 or 550,50 (empty: none).</source>
        <translation>Le tarif journalier est un montant, par ex. 550 ou 550,50 (vide&#xa0;: aucun).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The A/B confidence is between 50 % and 100 % (95 % usually).</source>
        <translation>La confiance A/B est comprise entre 50&#xa0;% et 100&#xa0;% (95&#xa0;% en général).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The logo path is not valid.</source>
        <translation>Le chemin du logo n&apos;est pas valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is longer than 500 characters.</source>
        <translation>Ce texte dépasse 500 caractères.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The segment needs a name.</source>
        <translation>Le segment doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This client already has a segment named “%1”.</source>
        <translation>Ce client a déjà un segment nommé «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The size cannot be negative.</source>
        <translation>La taille ne peut pas être négative.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The contact needs a name.</source>
        <translation>Le contact doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A contact who receives BATs or recaps needs an email address.</source>
        <translation>Un contact qui reçoit les BAT ou les récaps doit avoir une adresse e-mail.</translation>
    </message>
    <message>
        <location line="+148"/>
        <location line="+1472"/>
        <source>Delete</source>
        <extracomment>The label of each field as the form shows it, to name it in a sentence.</extracomment>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="-863"/>
        <location line="+35"/>
        <location line="+948"/>
        <source>Clients</source>
        <extracomment>A client was created from this window (not by a redo): its id. The client as the form loaded it, and its version: what a save expects (issue 22).</extracomment>
        <translation>Clients</translation>
    </message>
    <message>
        <location line="-945"/>
        <source>Show archi&amp;ved</source>
        <translation>Afficher les archi&amp;vés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archived clients left the calendar filters and pickers; tick to see them</source>
        <translation>Les clients archivés ne figurent plus dans les filtres et les listes&#x202f;; cochez pour les voir</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+270"/>
        <location line="+193"/>
        <source>New client</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <location line="-462"/>
        <source>Create a client (Ctrl+N)</source>
        <translation>Créer un client (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+378"/>
        <location line="+430"/>
        <source>Archive</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <location line="-806"/>
        <source>Delete…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Charters…</source>
        <translation>Chartes…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tone, banned words, mandatory mentions, palette, mail clients</source>
        <translation>Ton, mots interdits, mentions obligatoires, palette, messageries</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Personas…</source>
        <translation>Personas…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sample readers whose values fill the BAT&apos;s personalisation tags</source>
        <translation>Les lecteurs types dont les valeurs remplissent les champs de personnalisation du BAT</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checklist templates</source>
        <translation>Modèles de checklist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client&apos;s checklist for each campaign type</source>
        <translation>La checklist du client pour chaque type de campagne</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+21"/>
        <source>e.g. Maison Verlaine</source>
        <translation>par ex. Maison Verlaine</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>e.g. newsletter@maison-verlaine.fr</source>
        <translation>par ex. newsletter@maison-verlaine.fr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The UTM parameters the client&apos;s links must carry; {…} stands for any value</source>
        <translation>Les paramètres UTM que doivent porter les liens du client&#x202f;; {…} vaut pour n&apos;importe quelle valeur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None: the recaps carry no client logo</source>
        <translation>Aucun&#xa0;: les récaps n&apos;affichent pas de logo client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;olour</source>
        <translation>C&amp;ouleur</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Time zone</source>
        <translation>&amp;Fuseau horaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender na&amp;me</source>
        <translation>Nom de l&apos;e&amp;xpéditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender a&amp;ddress</source>
        <translation>A&amp;dresse de l&apos;expéditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;UTM convention</source>
        <translation>Convention &amp;UTM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logo</source>
        <translation>&amp;Logo</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>D−</source>
        <translation>J−</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D+</source>
        <translation>J+</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excluding tax, e.g. 550 or 550,50; empty: none</source>
        <translation>Hors taxes, par ex. 550 ou 550,50&#x202f;; vide&#xa0;: aucun</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How sure an A/B test must be before a variant is called the winner</source>
        <translation>La certitude qu&apos;un test A/B doit atteindre avant de désigner une version gagnante</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pressure &amp;cap</source>
        <translation>&amp;Pression max</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sends per week per segment</source>
        <translation>envois / semaine / segment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Brief due</source>
        <translation>Remise du &amp;brief</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>days before the send</source>
        <translation>jours avant l&apos;envoi</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>BAT du&amp;e</source>
        <translation>Envoi du B&amp;AT</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Anal&amp;ysis</source>
        <translation>Anal&amp;yse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>days after the send</source>
        <translation>jours après l&apos;envoi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Daily &amp;rate</source>
        <translation>&amp;Tarif journalier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A/B con&amp;fidence</source>
        <translation>&amp;Confiance A/B</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+90"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>Save the client (Ctrl+S)</source>
        <translation>Enregistrer le client (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revert</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put back the values last saved</source>
        <translation>Remettre les dernières valeurs enregistrées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the client to add its segments and contacts.</source>
        <translation>Enregistrez le client pour ajouter ses segments et ses contacts.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+127"/>
        <source>%1 (archived)</source>
        <translation>%1 (archivé)</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Archived: not in the calendar filters and pickers, still in the history and reports</source>
        <translation>Archivé&#xa0;: absent des filtres et des listes, toujours dans l&apos;historique et les rapports</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Segments (%1)</source>
        <translation>Segments (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts (%1)</source>
        <translation>Contacts (%1)</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>No client selected</source>
        <translation>Aucun client sélectionné</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a client in the list, tick “Show archived” to see the archived ones, or create a new client (Ctrl+N).</source>
        <translation>Choisissez un client dans la liste, cochez «&#xa0;Afficher les archivés&#xa0;» pour voir les clients archivés, ou créez un nouveau client (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create your first client</source>
        <translation>Créez votre premier client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A client is a brand you work for. Its colour marks its campaigns in the calendar; its sender, deadlines and pressure cap apply to each of its campaigns; its segments are what you target and its contacts approve the BATs and receive the recaps. Click “New client” (Ctrl+N) to start.</source>
        <translation>Un client est une marque pour laquelle vous travaillez. Sa couleur distingue ses campagnes dans le calendrier&#x202f;; son expéditeur, ses échéances et sa pression marketing max s&apos;appliquent à chacune de ses campagnes&#x202f;; ses segments sont vos cibles et ses contacts valident les BAT et reçoivent les récaps. Cliquez sur «&#xa0;Nouveau client&#xa0;» (Ctrl+N) pour commencer.</translation>
    </message>
    <message>
        <location line="+191"/>
        <source>Client “%1” created — Ctrl+Z to undo.</source>
        <translation>Client «&#xa0;%1&#xa0;» créé — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Client “%1” saved — Ctrl+Z to undo.</source>
        <translation>Client «&#xa0;%1&#xa0;» enregistré — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Reloaded: their changes are in, and yours are applied on top. You both changed %1: your version is kept (marked). Check it, then save.</source>
        <translation>Rechargé&#xa0;: leurs modifications sont là, et les vôtres appliquées par-dessus. Vous avez tous deux modifié %1&#xa0;: votre version est gardée (signalée). Vérifiez-la, puis enregistrez.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reloaded: their changes are in, and yours are applied on top. Save.</source>
        <translation>Rechargé&#xa0;: leurs modifications sont là, et les vôtres appliquées par-dessus. Enregistrez.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your changes were discarded: the client as it is now.</source>
        <translation>Vos modifications ont été abandonnées&#xa0;: voici le client tel qu’il est maintenant.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save the new client before leaving it?</source>
        <translation>Enregistrer le nouveau client avant de le quitter&#x202f;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the changes to “%1”?</source>
        <translation>Enregistrer les modifications de «&#xa0;%1&#xa0;»&#x202f;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>“%1” archived: it left the calendar filters and pickers and stays in the history and reports — Ctrl+Z to undo.</source>
        <translation>«&#xa0;%1&#xa0;» archivé&#xa0;: il ne figure plus dans les filtres et les listes du calendrier et reste dans l&apos;historique et les rapports — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” restored — Ctrl+Z to undo.</source>
        <translation>«&#xa0;%1&#xa0;» restauré — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 has 1 campaign: it cannot be deleted. It is archived: it stays in the history and reports.</source>
        <translation>%1 a 1 campagne&#xa0;: il ne peut pas être supprimé. Il est archivé&#xa0;: il reste dans l&apos;historique et les rapports.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has %2 campaigns: they keep it from being deleted. It is archived: it stays in the history and reports.</source>
        <translation>%1 a %2 campagnes&#xa0;: elles empêchent sa suppression. Il est archivé&#xa0;: il reste dans l&apos;historique et les rapports.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 has 1 campaign: archive it instead? It leaves the calendar filters and pickers and stays in the history and reports.</source>
        <translation>%1 a 1 campagne&#xa0;: l&apos;archiver plutôt&#x202f;? Il ne figurera plus dans les filtres et les listes du calendrier et restera dans l&apos;historique et les rapports.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has %2 campaigns: archive it instead? It leaves the calendar filters and pickers and stays in the history and reports.</source>
        <translation>%1 a %2 campagnes&#xa0;: l&apos;archiver plutôt&#x202f;? Il ne figurera plus dans les filtres et les listes du calendrier et restera dans l&apos;historique et les rapports.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete “%1” with its segments, contacts, charters and personas? Ctrl+Z brings them back.</source>
        <translation>Supprimer «&#xa0;%1&#xa0;» avec ses segments, contacts, chartes et personas&#x202f;? Ctrl+Z les fait revenir.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“%1” deleted — Ctrl+Z to undo.</source>
        <translation>«&#xa0;%1&#xa0;» supprimé — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The client&apos;s logo</source>
        <translation>Le logo du client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (*.png *.jpg *.jpeg *.svg *.gif *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.svg *.gif *.webp)</translation>
    </message>
</context>
<context>
    <name>CockpitPage</name>
    <message>
        <location filename="../../ui/cockpit.py" line="+219"/>
        <source>Sends today</source>
        <extracomment>The running timer&apos;s Stop button. A budget of the list: (campaign id or None, client id, month &quot;2026-11&quot; or None).</extracomment>
        <translation>Envois du jour</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing goes out today.</source>
        <translation>Aucun envoi aujourd’hui.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sends in the next 7 days</source>
        <translation>Envois des 7 prochains jours</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No send planned this week.</source>
        <translation>Aucun envoi prévu cette semaine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue deadlines</source>
        <translation>Échéances dépassées</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No overdue deadline. Well done.</source>
        <translation>Aucune échéance dépassée. Bravo&#x202f;!</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue checklist items</source>
        <translation>Tâches de checklist en retard</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Every checklist is on time.</source>
        <translation>Toutes les checklists sont à jour.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pressure warnings (next 30 days)</source>
        <translation>Alertes de pression marketing (30 prochains jours)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No segment goes over its client&apos;s cap.</source>
        <translation>Aucun segment ne dépasse le plafond de son client.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Budgets near their limit</source>
        <translation>Budgets proches de leur limite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every budget is below 80% of what it allows.</source>
        <translation>Tous les budgets sont sous 80&#xa0;% de ce qu’ils permettent.</translation>
    </message>
    <message numerus="yes">
        <location line="+91"/>
        <source>%n send(s) today</source>
        <translation>
            <numerusform>%n envoi aujourd’hui</numerusform>
            <numerusform>%n envois aujourd’hui</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n overdue deadline(s)</source>
        <translation>
            <numerusform>%n échéance dépassée</numerusform>
            <numerusform>%n échéances dépassées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n overdue checklist item(s)</source>
        <translation>
            <numerusform>%n tâche de checklist en retard</numerusform>
            <numerusform>%n tâches de checklist en retard</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Tell crmdesk who you are (File › My profile…): your name signs decisions, ticks and sends, and heads the reports your clients receive.</source>
        <translation>Dites à crmdesk qui vous êtes (Fichier › Mon profil…)&#xa0;: votre nom signe les décisions, les cases cochées et les envois, et figure en tête des rapports que reçoivent vos clients.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your workspace has no client yet. Create your first one (File › Clients…, Ctrl+Shift+K) or import the plan you keep in Excel (Ctrl+Shift+I).</source>
        <translation>Votre espace de travail n’a pas encore de client. Créez le premier (Fichier › Clients…, Ctrl+Maj+K) ou importez le plan que vous tenez dans Excel (Ctrl+Maj+I).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No campaign planned yet. Press Ctrl+N to plan your first one, or import your plan from CSV or Excel (Ctrl+Shift+I).</source>
        <translation>Aucune campagne planifiée. Appuyez sur Ctrl+N pour planifier la première, ou importez votre plan depuis un CSV ou un fichier Excel (Ctrl+Maj+I).</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <location line="+24"/>
        <source>(%n day(s) late)</source>
        <translation>
            <numerusform>(%n jour de retard)</numerusform>
            <numerusform>(%n jours de retard)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-16"/>
        <source>%1 sends to “%2” in the week of %4 (cap %3 a week)</source>
        <translation>%1 envois vers «&#xa0;%2&#xa0;» la semaine du %4 (plafond de %3 par semaine)</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n item(s) late</source>
        <translation>
            <numerusform>%n tâche en retard</numerusform>
            <numerusform>%n tâches en retard</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <location filename="../../ui/checklist/comment_dialog.py" line="+22"/>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What was done, checked or decided, and by whom</source>
        <translation>Ce qui a été fait, vérifié ou décidé, et par qui</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ctrl+Enter to save</source>
        <translation>Ctrl+Entrée pour enregistrer</translation>
    </message>
</context>
<context>
    <name>Conflict</name>
    <message>
        <location filename="../../ui/kit/conflict.py" line="+42"/>
        <source>the campaign “%1”</source>
        <extracomment>How long a value may be in a sentence before it is cut.</extracomment>
        <translation>la campagne «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the brief of “%1”</source>
        <translation>le brief de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the client “%1”</source>
        <translation>le client «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the segment “%1”</source>
        <translation>le segment «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the contact “%1”</source>
        <translation>le contact «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+30"/>
        <source>“%1”</source>
        <translation>«&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Someone else</source>
        <translation>Quelqu’un d’autre</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Someone deleted %1 meanwhile.</source>
        <translation>Quelqu’un a supprimé %1 entre-temps.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 changed %2 meanwhile.</source>
        <translation>%1 a modifié %2 entre-temps.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 changed %2 on %3 at %4.</source>
        <translation>%1 a modifié %2 le %3 à %4.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 is now %2.</source>
        <translation>%1 vaut maintenant %2.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot undo: someone deleted %1 since. Nothing was changed.</source>
        <translation>Annulation impossible&#xa0;: quelqu’un a supprimé %1 depuis. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot undo: %1 changed %2 since. Nothing was changed.</source>
        <translation>Annulation impossible&#xa0;: %1 a modifié %2 depuis. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot undo: %1 changed %2 since (on %3 at %4). Nothing was changed.</source>
        <translation>Annulation impossible&#xa0;: %1 a modifié %2 depuis (le %3 à %4). Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Nothing was saved.</source>
        <translation>Rien n’a été enregistré.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location line="+38"/>
        <source>Changed by someone else</source>
        <translation>Modifié par quelqu’un d’autre</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>You both changed: %1. Your version is the one kept if you reapply.</source>
        <translation>Vous avez tous deux modifié&#xa0;: %1. C’est votre version qui est gardée si vous réappliquez.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your changes were not saved. Discard them to close the form, or press Esc to keep the form open and copy what you need.</source>
        <translation>Vos modifications n’ont pas été enregistrées. Abandonnez-les pour fermer le formulaire, ou appuyez sur Échap pour le garder ouvert et copier ce dont vous avez besoin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was saved. Reload and apply my changes puts what you changed on their version, for you to check and save; Discard my changes shows their version. Esc keeps the form as it is.</source>
        <translation>Rien n’a été enregistré. «&#xa0;Recharger et appliquer mes modifications&#xa0;» place ce que vous avez changé sur leur version, pour que vous le vérifiiez et l’enregistriez&#xa0;; «&#xa0;Abandonner mes modifications&#xa0;» affiche leur version. Échap garde le formulaire tel quel.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Reload and apply my changes</source>
        <translation>&amp;Recharger et appliquer mes modifications</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Discard my changes</source>
        <translation>A&amp;bandonner mes modifications</translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message>
        <location filename="../../ui/clients/window.py" line="-1214"/>
        <source>the contact has no name</source>
        <translation>le contact n’a pas de nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this is not an email address</source>
        <translation>ce n’est pas une adresse e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown team (marketing, CRM, data or client)</source>
        <translation>équipe inconnue (marketing, CRM, data ou client)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown RACI role (R, A, C or I)</source>
        <translation>rôle RACI inconnu (R, A, C ou I)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line %1, column “%2”: %3</source>
        <translation>Ligne %1, colonne «&#xa0;%2&#xa0;»&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+40"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+40"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>BATs</source>
        <translation>BAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recaps</source>
        <translation>Récaps</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Receives the BATs</source>
        <translation>Reçoit les BAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receives the recaps</source>
        <translation>Reçoit les récaps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Claire Martin</source>
        <translation>par ex. Claire Martin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. claire.martin@client.fr</source>
        <translation>par ex. claire.martin@client.fr</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>RACI: Responsible does the work, Accountable approves, Consulted gives an opinion, Informed is kept informed</source>
        <translation>RACI&#xa0;: le Responsable réalise, l&apos;Approbateur valide, le Consulté donne son avis, l&apos;Informé est tenu au courant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receives BATs</source>
        <translation>Reçoit les BAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receives recaps</source>
        <translation>Reçoit les récaps</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>New contact</source>
        <translation>Nouveau contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add the contacts of a list the client sent (CSV or Excel: name, email, role)</source>
        <translation>Ajouter les contacts d’une liste envoyée par le client (CSV ou Excel&#xa0;: nom, e-mail, rôle)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import contacts</source>
        <translation>Importer des contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact lists (*.csv *.xlsx *.xls *.txt);;All files (*)</source>
        <translation>Listes de contacts (*.csv *.xlsx *.xls *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%n contact(s) imported</source>
        <translation>
            <numerusform>%n contact importé</numerusform>
            <numerusform>%n contacts importés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already there</source>
        <translation>
            <numerusform>%n déjà présent</numerusform>
            <numerusform>%n déjà présents</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Z to undo.</source>
        <translation>Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Contact “%1” added — Ctrl+Z to undo.</source>
        <translation>Contact «&#xa0;%1&#xa0;» ajouté — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact “%1” saved — Ctrl+Z to undo.</source>
        <translation>Contact «&#xa0;%1&#xa0;» enregistré — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add contact</source>
        <translation>Ajouter le contact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save contact</source>
        <translation>Enregistrer le contact</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Contact “%1” deleted — Ctrl+Z to undo.</source>
        <translation>Contact «&#xa0;%1&#xa0;» supprimé — Ctrl+Z pour annuler.</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../ui/crash.py" line="+142"/>
        <source>Something went wrong in crmdesk.</source>
        <extracomment>The last crash dialog opened, referenced here as long as it lives (``last_dialog``). Carries a report from another thread to the GUI thread.</extracomment>
        <translation>Un problème est survenu dans crmdesk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your work is saved: every change is written when it is made.</source>
        <translation>Votre travail est enregistré&#xa0;: chaque modification est écrite au moment où elle est faite.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The details are in the log:
%1</source>
        <translation>Les détails sont dans le journal&#xa0;:
%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
</context>
<context>
    <name>DayPopup</name>
    <message>
        <location filename="../../ui/calendar/grid_view.py" line="+745"/>
        <source>Campaigns of the day</source>
        <translation>Campagnes du jour</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Show the week</source>
        <translation>Afficher la semaine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The week view of this day, every campaign in full</source>
        <translation>La vue semaine de ce jour, chaque campagne en entier</translation>
    </message>
</context>
<context>
    <name>DueOffsetSpin</name>
    <message>
        <location filename="../../ui/checklist/template_editor.py" line="+99"/>
        <source>Days from the send: D-3 is three days before, D+5 five after</source>
        <translation>Jours depuis l’envoi&#xa0;: J-3 trois jours avant, J+5 cinq jours après</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../ui/time/entry_dialog.py" line="+61"/>
        <source>Correct time</source>
        <translation>Corriger du temps</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add time</source>
        <translation>Saisir du temps</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>h:mm, e.g. 1:30</source>
        <translation>h:mm, par ex. 1:30</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours and minutes (1:30), or hours (1,5 or 2h)</source>
        <translation>Heures et minutes (1:30), ou heures (1,5 ou 2h)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uration</source>
        <translation>D&amp;urée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ampaign</source>
        <translation>C&amp;ampagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Phase</source>
        <translation>&amp;Phase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>— the client, no campaign —</source>
        <translation>— le client, sans campagne —</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Write the duration as hours and minutes, e.g. 1:30.</source>
        <translation>Écrivez la durée en heures et minutes, par ex. 1:30.</translation>
    </message>
</context>
<context>
    <name>FiguresDialog</name>
    <message>
        <location filename="../../ui/stats/figures_dialog.py" line="+55"/>
        <location line="+28"/>
        <source>Leave empty if not given</source>
        <extracomment>The value of an empty box: &quot;not given&quot;.</extracomment>
        <translation>Laisser vide si non fourni</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Campaign figures</source>
        <translation>Chiffres de la campagne</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>empty for the whole campaign; A, B… for a test</source>
        <translation>vide pour toute la campagne&#xa0;; A, B… pour un test</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Figures of</source>
        <translation>Chiffres du</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Leave a figure empty when the ESP does not give it (no conversion tracking): it shows as “—” and stays out of the averages, where 0 would count as none.</source>
        <translation>Laissez un chiffre vide quand le routeur ne le donne pas (pas de suivi des conversions)&#xa0;: il s’affiche «&#xa0;—&#xa0;» et reste hors des moyennes, alors que 0 compterait comme aucune.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../../ui/kit/formats.py" line="-47"/>
        <source>not given</source>
        <extracomment>What a figure never given reads as in every window (&quot;non renseigné&quot; in its tooltip): a dash, never a 0 that would read as a failed campaign.</extracomment>
        <translation>non renseigné</translation>
    </message>
</context>
<context>
    <name>GridView</name>
    <message>
        <location filename="../../ui/calendar/grid_view.py" line="-614"/>
        <source>Campaign calendar</source>
        <extracomment>The share of the width of each day, Monday first: a weekend day gets two thirds. Right-click on a chip: the campaign and where to show its time menu (global position). The cells grew: they can hold more items than the period read gives (a visible read).</extracomment>
        <translation>Calendrier des campagnes</translation>
    </message>
    <message numerus="yes">
        <location line="+241"/>
        <source>+%n more</source>
        <extracomment>A whole day when the period holds only what the cells show (the &quot;+N more&quot; popup).</extracomment>
        <translation>
            <numerusform>+%n autre</numerusform>
            <numerusform>+%n autres</numerusform>
        </translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Pressure: %1 sends to “%2” in the week of %4 (cap %3 a week)</source>
        <translation>Pression marketing&#xa0;: %1 envois vers «&#xa0;%2&#xa0;» la semaine du %4 (plafond de %3 par semaine)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sent on a public holiday: %1</source>
        <translation>Envoi un jour férié&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n overdue checklist item(s)</source>
        <translation>
            <numerusform>%n tâche de checklist en retard</numerusform>
            <numerusform>%n tâches de checklist en retard</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent on a blackout date: %1</source>
        <translation>Envoi à une date bloquée&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 to %2</source>
        <translation>de %1 à %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>blackout date: sends are warned</source>
        <translation>date bloquée&#xa0;: les envois sont signalés</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show every campaign of this day</source>
        <translation>Afficher toutes les campagnes de ce jour</translation>
    </message>
</context>
<context>
    <name>IcsImportDialog</name>
    <message>
        <location filename="../../ui/calendar/markers_dialog.py" line="+105"/>
        <source>Import a calendar</source>
        <translation>Importer un calendrier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Blackout dates (warn sends on these days)</source>
        <translation>Dates bloquées (signaler les envois ces jours-là)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each event becomes a marker; importing the file again updates them.</source>
        <translation>Chaque événement devient un repère&#x202f;; réimporter le fichier les met à jour.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;For:</source>
        <translation>&amp;Pour&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
</context>
<context>
    <name>IcsImportFlow</name>
    <message>
        <location line="+33"/>
        <source>Import a calendar</source>
        <extracomment>The import ran: its outcome (the markers are written and announced after this).</extracomment>
        <translation>Importer un calendrier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendars (*.ics *.ical *.ifb);;All files (*)</source>
        <translation>Calendriers (*.ics *.ical *.ifb);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Importing the calendar…</source>
        <translation>Import du calendrier…</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n marker(s) added</source>
        <translation>
            <numerusform>%n repère ajouté</numerusform>
            <numerusform>%n repères ajoutés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n marker(s) updated</source>
        <translation>
            <numerusform>%n repère mis à jour</numerusform>
            <numerusform>%n repères mis à jour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n already there</source>
        <translation>
            <numerusform>%n déjà là</numerusform>
            <numerusform>%n déjà là</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n event(s) skipped:</source>
        <translation>
            <numerusform>%n événement ignoré&#xa0;:</numerusform>
            <numerusform>%n événements ignorés&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Calendar imported</source>
        <translation>Calendrier importé</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The calendar was not imported</source>
        <translation>Le calendrier n’a pas été importé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was written.</source>
        <translation>Rien n’a été écrit.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="-45"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brief</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production</source>
        <translation>Production</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BAT</source>
        <translation>BAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Validé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Programmé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Analysed</source>
        <translation>Analysé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Newsletter</source>
        <translation>Newsletter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Promotion</source>
        <translation>Promotion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relance</source>
        <translation>Relance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erratum</source>
        <translation>Erratum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automation</source>
        <translation>Automatisation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Brief due</source>
        <translation>Échéance brief</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BAT due</source>
        <translation>Échéance BAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D+5 analysis</source>
        <translation>Analyse J+5</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The campaign needs a name.</source>
        <translation>La campagne doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name is longer than 200 characters.</source>
        <translation>Le nom dépasse 200 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the client of the campaign.</source>
        <translation>Choisissez le client de la campagne.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This time zone is unknown.</source>
        <translation>Ce fuseau horaire est inconnu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This time does not exist on that day in this time zone (the clocks jump forward).</source>
        <translation>Cette heure n’existe pas ce jour-là dans ce fuseau horaire (passage à l’heure d’été).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The volume cannot be negative.</source>
        <translation>Le volume ne peut pas être négatif.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A segment belongs to another client.</source>
        <translation>Un des segments appartient à un autre client.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose another parent campaign.</source>
        <translation>Choisissez une autre campagne d’origine.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The parent campaign belongs to another client.</source>
        <translation>La campagne d’origine appartient à un autre client.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A relance or erratum must be sent after the campaign it follows.</source>
        <translation>Une relance ou un erratum doit partir après la campagne à laquelle il fait suite.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This campaign has a relance or an erratum: it must be sent before it.</source>
        <translation>Cette campagne a déjà une relance ou un erratum&#xa0;: elle doit partir avant.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>This workspace is open in another crmdesk: close it there before restoring a backup. Nothing was changed.</source>
        <translation>Cet espace de travail est ouvert dans un autre crmdesk&#xa0;: fermez-le là-bas avant de restaurer une sauvegarde. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This backup is not a crmdesk workspace: nothing was restored and the workspace is as it was.</source>
        <translation>Cette sauvegarde n’est pas un espace de travail crmdesk&#xa0;: rien n’a été restauré et l’espace de travail est intact.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This backup is damaged (its integrity check failed): nothing was restored and the workspace is as it was. Choose an older backup.</source>
        <translation>Cette sauvegarde est endommagée (son contrôle d’intégrité a échoué)&#xa0;: rien n’a été restauré et l’espace de travail est intact. Choisissez une sauvegarde plus ancienne.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This backup was written by a newer crmdesk: update crmdesk to restore it. Nothing was changed.</source>
        <translation>Cette sauvegarde a été écrite par un crmdesk plus récent&#xa0;: mettez crmdesk à jour pour la restaurer. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This workspace is already open in another crmdesk. Close it there first; nothing was written here.</source>
        <translation>Cet espace de travail est déjà ouvert dans un autre crmdesk. Fermez-le d’abord&#x202f;; rien n’a été écrit ici.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The workspace is busy: another program is writing to it. Nothing was saved.</source>
        <translation>L’espace de travail est occupé&#xa0;: un autre programme y écrit. Rien n’a été enregistré.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This workspace cannot be written (read-only file or folder).</source>
        <translation>Impossible d’écrire dans cet espace de travail (fichier ou dossier en lecture seule).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file is not a crmdesk workspace (another program&apos;s database?). It was left untouched.</source>
        <translation>Ce fichier n’est pas un espace de travail crmdesk (la base d’un autre programme&#x202f;?). Il n’a pas été modifié.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This file is not a crmdesk workspace (not a SQLite database).</source>
        <translation>Ce fichier n’est pas un espace de travail crmdesk (ce n’est pas une base SQLite).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The lock file beside this workspace is not a plain file (a folder or a link): remove it and try again. Nothing was written.</source>
        <translation>Le fichier de verrou à côté de cet espace de travail n’est pas un fichier ordinaire (un dossier ou un lien)&#xa0;: supprimez-le et réessayez. Rien n’a été écrit.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The disk is full: nothing was saved and the workspace is as it was. Free some space and try again.</source>
        <translation>Le disque est plein&#xa0;: rien n’a été enregistré et l’espace de travail est intact. Libérez de la place et réessayez.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The disk could not be read or written (input/output error): nothing was saved. Check the disk or the network drive.</source>
        <translation>Le disque n’a pas pu être lu ou écrit (erreur d’entrée/sortie)&#xa0;: rien n’a été enregistré. Vérifiez le disque ou le lecteur réseau.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The copy taken before upgrading this workspace could not be written: the workspace was not upgraded and is as it was.</source>
        <translation>La copie faite avant la mise à jour de cet espace de travail n’a pas pu être écrite&#xa0;: l’espace de travail n’a pas été mis à jour et est intact.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This workspace is damaged (SQLite cannot read it). Restore it from a backup; nothing was written.</source>
        <translation>Cet espace de travail est endommagé (SQLite ne peut pas le lire). Restaurez une sauvegarde&#x202f;; rien n’a été écrit.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This workspace was written by a newer crmdesk. Update crmdesk to open it; the file was left untouched.</source>
        <translation>Cet espace de travail a été écrit par une version plus récente de crmdesk. Mettez crmdesk à jour pour l’ouvrir&#x202f;; le fichier n’a pas été modifié.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This file does not exist any more.</source>
        <translation>Ce fichier n’existe plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This kind of file cannot be imported: use .txt, .md, .eml or .docx.</source>
        <translation>Ce type de fichier ne peut pas être importé&#xa0;: utilisez un fichier .txt, .md, .eml ou .docx.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is not text (it looks like a program or an image).</source>
        <translation>Ce fichier n’est pas du texte (il ressemble à un programme ou à une image).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is empty: nothing to import.</source>
        <translation>Ce fichier est vide&#xa0;: rien à importer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file is not an email, though it is named .eml.</source>
        <translation>Ce fichier n’est pas un e-mail, bien qu’il porte l’extension .eml.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This email&apos;s parts are nested far deeper than a real email&apos;s.</source>
        <translation>Les parties de cet e-mail sont imbriquées bien plus profondément que celles d’un vrai e-mail.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This email has far more parts than a real email.</source>
        <translation>Cet e-mail a bien plus de parties qu’un vrai e-mail.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is too long for a brief (more than 200,000 characters or 10 MB).</source>
        <translation>C’est trop long pour un brief (plus de 200&#x202f;000 caractères ou 10&#xa0;Mo).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This Word document is damaged or is not really a .docx file.</source>
        <translation>Ce document Word est endommagé ou n’est pas vraiment un fichier .docx.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This Word document is protected by a password: save an unprotected copy and import that.</source>
        <translation>Ce document Word est protégé par un mot de passe&#xa0;: enregistrez-en une copie non protégée et importez celle-ci.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This mail has no text to import.</source>
        <translation>Cet e-mail ne contient aucun texte à importer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file could not be read.</source>
        <translation>Impossible de lire ce fichier.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The brief was not changed.</source>
        <translation>Le brief n’a pas été modifié.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mend it, or clear your templates folder in the report settings.</source>
        <translation>Corrigez-le, ou videz le dossier de vos modèles dans les paramètres des rapports.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF could not be written there (a folder that is missing or read-only, a full disk, or a folder&apos;s name given as the file&apos;s). Nothing was written: choose another place.</source>
        <translation>Le PDF n’a pas pu être écrit à cet endroit (dossier absent ou en lecture seule, disque plein, ou nom de dossier donné comme nom de fichier). Rien n’a été écrit&#xa0;: choisissez un autre emplacement.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A report template has a syntax error.</source>
        <translation>Un modèle de rapport contient une erreur de syntaxe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A report template failed while the report was made.</source>
        <translation>Un modèle de rapport a échoué pendant la création du rapport.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A report template is missing: reinstall crmdesk, or check your templates.</source>
        <translation>Un modèle de rapport est introuvable&#xa0;: réinstallez crmdesk, ou vérifiez vos modèles.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chromium could not print the report.</source>
        <translation>Chromium n’a pas pu imprimer le rapport.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1, line %2</source>
        <translation>%1, ligne %2</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>The end is before the start.</source>
        <translation>La fin précède le début.</translation>
    </message>
</context>
<context>
    <name>LogoField</name>
    <message>
        <location filename="../../ui/reports/settings_dialog.py" line="+64"/>
        <location line="+45"/>
        <source>No logo</source>
        <translation>Pas de logo</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not an image</source>
        <translation>Pas une image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File not found</source>
        <translation>Fichier introuvable</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+152"/>
        <location line="+75"/>
        <source>Cockpit</source>
        <extracomment>The first view is painted with what it shows (the user can read their calendar). Everything is loaded: the workspace is open, every menu and page works. The workspace could not be opened after the first paint (another app took it): the error, for the app to say and leave. A restore replaced this window (and its workspace) with the one given.</extracomment>
        <translation>Cockpit</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stats</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Workspace upgraded; the previous version was saved to %1</source>
        <translation>Espace de travail mis à jour&#x202f;; la version précédente a été sauvegardée dans %1</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>&amp;New campaign…</source>
        <translation>&amp;Nouvelle campagne…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Clients…</source>
        <translation>&amp;Clients…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My &amp;profile…</source>
        <translation>Mon pro&amp;fil…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import a plan (CSV, Excel)…</source>
        <translation>&amp;Importer un plan (CSV, Excel)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xport the plan…</source>
        <translation>E&amp;xporter le plan…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a calen&amp;dar (.ics)…</source>
        <translation>Importer un calen&amp;drier (.ics)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calendar mark&amp;ers…</source>
        <translation>Repères du cal&amp;endrier…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export &amp;recap…</source>
        <translation>Exporter le &amp;récapitulatif…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quarterly re&amp;view…</source>
        <translation>Bilan &amp;trimestriel…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Brief as PDF…</source>
        <translation>&amp;Brief en PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report se&amp;ttings…</source>
        <translation>&amp;Paramètres des rapports…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>C&amp;lient plan…</source>
        <translation>P&amp;lanning client…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>S&amp;MTP accounts for test sends…</source>
        <translation>Comptes S&amp;MTP des envois de test…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore a bac&amp;kup…</source>
        <translation>Restaurer une sauve&amp;garde…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open campaign</source>
        <translation>&amp;Ouvrir la campagne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>D&amp;uplicate campaign</source>
        <translation>&amp;Dupliquer la campagne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Delete campaign</source>
        <translation>&amp;Supprimer la campagne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Brief…</source>
        <translation>&amp;Brief…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check&amp;list…</source>
        <translation>Check&amp;list…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B&amp;AT review…</source>
        <translation>Re&amp;vue de BAT…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tats…</source>
        <translation>S&amp;tatistiques…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search…</source>
        <translation>R&amp;echercher…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pre&amp;ferences…</source>
        <translation>Pré&amp;férences…</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+216"/>
        <source>&amp;Today</source>
        <translation>&amp;Aujourd’hui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Previous period</source>
        <translation>Période &amp;précédente</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next period</source>
        <translation>Période &amp;suivante</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Cockpit</source>
        <translation>&amp;Cockpit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Month</source>
        <translation>&amp;Mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Week</source>
        <translation>S&amp;emaine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Agenda</source>
        <translation>A&amp;genda</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Stats of a client</source>
        <translation>Statist&amp;iques d’un client</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>T&amp;ime</source>
        <translation>&amp;Temps</translation>
    </message>
    <message>
        <location line="+251"/>
        <source>&amp;About crmdesk</source>
        <translation>À &amp;propos de crmdesk</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Import a plan</source>
        <translation>Importer un plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plans (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>Plans (*.csv *.xlsx *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n campaign(s) imported</source>
        <translation>
            <numerusform>%n campagne importée</numerusform>
            <numerusform>%n campagnes importées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n client(s) and</source>
        <translation>
            <numerusform>%n client et</numerusform>
            <numerusform>%n clients et</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n segment(s) created</source>
        <translation>
            <numerusform>%n segment créé</numerusform>
            <numerusform>%n segments créés</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the plan</source>
        <translation>Exporter le plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx);;CSV, French Excel (*.csv)</source>
        <translation>Classeur Excel (*.xlsx);;CSV, Excel français (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n campaign(s) exported to %1</source>
        <translation>
            <numerusform>%n campagne exportée dans %1</numerusform>
            <numerusform>%n campagnes exportées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open the demo</source>
        <translation>Ouvrir la démo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The demo could not be started.</source>
        <translation>La démo n’a pas pu être lancée.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The demo opens in a new window…</source>
        <translation>La démo s’ouvre dans une nouvelle fenêtre…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>About crmdesk</source>
        <translation>À propos de crmdesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crmdesk %1 — the offline cockpit of the eCRM operator.</source>
        <translation>crmdesk %1 — le cockpit hors ligne de l’opérateur eCRM.</translation>
    </message>
    <message>
        <location line="+243"/>
        <source>Export recap</source>
        <translation>Exporter le récapitulatif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a campaign in the calendar to export its recap, or show a client in the Stats tab to make its quarterly review.</source>
        <translation>Sélectionnez une campagne dans le calendrier pour exporter son récapitulatif, ou affichez un client dans l’onglet Statistiques pour faire son bilan trimestriel.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Brief as PDF</source>
        <translation>Brief en PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a campaign in the calendar to export its brief.</source>
        <translation>Sélectionnez une campagne dans le calendrier pour exporter son brief.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Client plan saved to %1</source>
        <translation>Planning client enregistré dans %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Campaign deleted — Ctrl+Z to bring it back</source>
        <translation>Campagne supprimée — Ctrl+Z pour la récupérer</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Moved to %1 — Ctrl+Z to undo</source>
        <translation>Campagne déplacée au %1 — Ctrl+Z pour annuler</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Preferences saved; language and theme apply at the next start.</source>
        <translation>Préférences enregistrées&#x202f;; la langue et le thème s’appliquent au prochain démarrage.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Today&apos;s backup could not be made: %1</source>
        <translation>La sauvegarde du jour n’a pas pu être faite&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Close the windows still open before restoring a backup.</source>
        <translation>Fermez les fenêtres encore ouvertes avant de restaurer une sauvegarde.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Restored %1; the workspace as it was is kept in %2</source>
        <translation>%1 restaurée&#x202f;; l’espace de travail tel qu’il était est conservé dans %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is a public holiday (%2): check this send is intended.</source>
        <translation>Le %1 est un jour férié (%2)&#xa0;: vérifiez que cet envoi est bien voulu.</translation>
    </message>
</context>
<context>
    <name>MarkerCommands</name>
    <message>
        <location filename="../../ui/calendar/markers_dialog.py" line="-167"/>
        <source>import the calendar “%1”</source>
        <translation>importer le calendrier «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>make “%1” a blackout date</source>
        <translation>faire de «&#xa0;%1&#xa0;» une date bloquée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>make “%1” a plain marker</source>
        <translation>faire de «&#xa0;%1&#xa0;» un simple repère</translation>
    </message>
</context>
<context>
    <name>MarkersDialog</name>
    <message>
        <location line="+165"/>
        <location line="+98"/>
        <source>Calendar markers</source>
        <translation>Repères du calendrier</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marker</source>
        <translation>Repère</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blackout</source>
        <translation>Bloquée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No marker yet: File › Import a calendar (.ics)…</source>
        <translation>Aucun repère pour l’instant&#xa0;: Fichier › Importer un calendrier (.ics)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>no end</source>
        <translation>sans fin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Warn sends planned on these days</source>
        <translation>Signaler les envois prévus ces jours-là</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/commands.py" line="+150"/>
        <source>create “%1”</source>
        <extracomment>The version each row was left at by the last command step of this process (per ``Operations``): undoing an edit after undoing a later edit of the same row is not someone else&apos;s change, though the version moved on. The rows this command&apos;s last step left, with their version then and their name.</extracomment>
        <translation>la création de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>duplicate “%1”</source>
        <translation>la duplication de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>edit “%1”</source>
        <translation>la modification de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>move “%1”</source>
        <translation>le déplacement de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>delete “%1”</source>
        <translation>la suppression de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="+400"/>
        <source>crmdesk</source>
        <extracomment>Threads per kind of work: the workspace has one writer; files, CPU and network share two. Progress reaches the GUI thread at most this often (the last step always does). A progress dialog shows only for work that lasts longer than this (Anki&apos;s 600 ms). True once the outcome was delivered on the GUI thread (or the job was dropped).</extracomment>
        <translation>crmdesk</translation>
    </message>
</context>
<context>
    <name>PdfSaver</name>
    <message>
        <location filename="../../ui/reports/client_plan_dialog.py" line="-171"/>
        <source>The PDF took too long to print. Try again, or close other windows.</source>
        <extracomment>What a PDF reads in a session, and the page that turns it into HTML (``reports.Maker``).</extracomment>
        <translation>L’impression du PDF a pris trop de temps. Réessayez, ou fermez d’abord d’autres fenêtres.</translation>
    </message>
</context>
<context>
    <name>PersonasDialog</name>
    <message>
        <location filename="../../ui/bat/personas_dialog.py" line="+49"/>
        <source>Civility</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” and “%2” are the same field with different values.</source>
        <translation>«&#xa0;%1&#xa0;» et «&#xa0;%2&#xa0;» sont le même champ avec des valeurs différentes.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The persona needs a name.</source>
        <translation>Le persona doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name is longer than 120 characters.</source>
        <translation>Le nom dépasse 120 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This client already has a persona with this name.</source>
        <translation>Ce client a déjà un persona de ce nom.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sample personas</source>
        <translation>Personas d&apos;exemple</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Personas</source>
        <translation>Personas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No persona yet: previews and test sends use %1 %2 from %3.</source>
        <translation>Pas encore de persona&#xa0;: les aperçus et les envois de test utilisent %1 %2, de %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>e.g. Fidèle lyonnaise</source>
        <translation>ex. Fidèle lyonnaise</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Na&amp;me</source>
        <translation>No&amp;m</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fields of the persona</source>
        <translation>Champs du persona</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add any other field of the client&apos;s ESP in the empty row, e.g. code_fidelite.</source>
        <translation>Ajoutez tout autre champ du routeur du client dans la ligne vide, par ex. code_fidelite.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>New persona</source>
        <translation>Nouveau persona</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Row %1 has a value but no field name.</source>
        <translation>La ligne %1 a une valeur mais pas de nom de champ.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>“%1” saved.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove a persona</source>
        <translation>Supprimer un persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the persona “%1”?</source>
        <translation>Supprimer le persona «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>PlanImport</name>
    <message>
        <location filename="../../ui/plan_import.py" line="+40"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send date</source>
        <translation>Date d’envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send time</source>
        <translation>Heure d’envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preheader</source>
        <translation>Pré-header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ESP</source>
        <translation>Routeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>this is not a date (dd/mm/yyyy or yyyy-mm-dd), or the day does not exist</source>
        <translation>ce n’est pas une date (jj/mm/aaaa ou aaaa-mm-jj), ou ce jour n’existe pas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this is not a time (9h30, 09:30 or 9:30 AM)</source>
        <translation>ce n’est pas une heure (9h30, 09:30 ou 9:30 AM)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown status (draft, brief, production, BAT, approved, scheduled, sent…)</source>
        <translation>statut inconnu (brouillon, brief, production, BAT, validé, programmé, envoyé…)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown type (newsletter, promo, relance, erratum, automation)</source>
        <translation>type inconnu (newsletter, promo, relance, erratum, automatisation)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown channel (email, SMS, push)</source>
        <translation>canal inconnu (e-mail, SMS, push)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the volume is not a whole number</source>
        <translation>le volume n’est pas un nombre entier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this cell is empty</source>
        <translation>cette cellule est vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the name is too long</source>
        <translation>le nom est trop long</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the text is too long</source>
        <translation>le texte est trop long</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>this time does not exist that day (the clocks jump forward)</source>
        <translation>cette heure n’existe pas ce jour-là (passage à l’heure d’été)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Line %1, column “%2”: %3</source>
        <translation>Ligne %1, colonne «&#xa0;%2&#xa0;»&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This file does not exist.</source>
        <translation>Ce fichier n’existe pas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file is empty: no header row.</source>
        <translation>Ce fichier est vide&#xa0;: pas de ligne d’en-tête.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file is not a spreadsheet: save it as .xlsx or CSV.</source>
        <translation>Ce fichier n’est pas un tableur&#xa0;: enregistrez-le en .xlsx ou en CSV.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This workbook is password-protected (or an old .xls): save it unprotected as .xlsx, or as CSV, and import that.</source>
        <translation>Ce classeur est protégé par un mot de passe (ou c’est un ancien .xls)&#xa0;: enregistrez-le sans protection en .xlsx, ou en CSV, puis importez-le.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file is too large.</source>
        <translation>Ce fichier est trop volumineux.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file holds binary data, not a table: is it the right file?</source>
        <translation>Ce fichier contient des données binaires, pas un tableau&#xa0;: est-ce le bon fichier&#x202f;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file cannot be read.</source>
        <translation>Ce fichier ne peut pas être lu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No column gives the client, the campaign name or the send date: choose them below.</source>
        <translation>Aucune colonne ne donne le client, le nom de la campagne ou la date d’envoi&#xa0;: choisissez-les ci-dessous.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import cancelled: nothing was written.</source>
        <translation>Import annulé&#xa0;: rien n’a été enregistré.</translation>
    </message>
</context>
<context>
    <name>PlanImportDialog</name>
    <message>
        <location line="+22"/>
        <source>Import a plan — %1</source>
        <translation>Importer un plan — %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+130"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>&amp;Sheet</source>
        <translation>&amp;Feuille</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In the workspace</source>
        <translation>Dans l’espace de travail</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>First campaigns read:</source>
        <translation>Premières campagnes lues&#xa0;:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>— not in the file —</source>
        <translation>— absente —</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column %1</source>
        <translation>colonne %1</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Checking %n row(s)…</source>
        <translation>
            <numerusform>Vérification de %n ligne…</numerusform>
            <numerusform>Vérification de %n lignes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n campaign(s) to create</source>
        <translation>
            <numerusform>%n campagne à créer</numerusform>
            <numerusform>%n campagnes à créer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n already in the workspace (left as they are)</source>
        <translation>
            <numerusform>%n déjà présente (laissée telle quelle)</numerusform>
            <numerusform>%n déjà présentes (laissées telles quelles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n empty row(s) and %1 total row(s) skipped</source>
        <translation>
            <numerusform>%n ligne vide et %1 ligne(s) de total ignorées</numerusform>
            <numerusform>%n lignes vides et %1 ligne(s) de total ignorées</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New clients (%1): %2</source>
        <translation>Nouveaux clients (%1)&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New segments (%1): %2</source>
        <translation>Nouveaux segments (%1)&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>… and %n more problem(s).</source>
        <translation>
            <numerusform>… et %n autre problème.</numerusform>
            <numerusform>… et %n autres problèmes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n problem(s) to fix in the file (or in the columns) before importing:</source>
        <translation>
            <numerusform>%n problème à corriger dans le fichier (ou les colonnes) avant l’import&#xa0;:</numerusform>
            <numerusform>%n problèmes à corriger dans le fichier (ou les colonnes) avant l’import&#xa0;:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing new to import: every campaign is already there.</source>
        <translation>Rien de nouveau à importer&#xa0;: toutes les campagnes sont déjà là.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the columns and what will be created, then import.</source>
        <translation>Vérifiez les colonnes et ce qui sera créé, puis importez.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>already there</source>
        <translation>déjà là</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>new</source>
        <translation>nouvelle</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>Importing %n campaign(s)…</source>
        <translation>
            <numerusform>Import de %n campagne…</numerusform>
            <numerusform>Import de %n campagnes…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/preferences.py" line="+281"/>
        <source>Preferences</source>
        <extracomment>The choices of the language and theme settings (&quot;system&quot; follows the computer). Backups kept by default (the daily ones; the monthly ones come on top). The views the main window can reopen on. None: crmdesk&apos;s default workspace; a ``str``: a server&apos;s URL, never with its password.</extracomment>
        <translation>Préférences</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language and theme apply the next time crmdesk starts.</source>
        <translation>La langue et le thème s’appliquent au prochain démarrage de crmdesk.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+26"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="-16"/>
        <source> daily backups</source>
        <translation> sauvegardes quotidiennes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One backup per month is also kept for a year.</source>
        <translation>Une sauvegarde par mois est aussi conservée pendant un an.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A workspace file, or a database on a PostgreSQL server: postgresql://user@host:5432/database (add ?sslmode=require to insist on TLS). Its password goes to the system keyring, never here.</source>
        <translation>Un fichier d’espace de travail, ou une base sur un serveur PostgreSQL&#xa0;: postgresql://utilisateur@hôte:5432/base (ajoutez ?sslmode=require pour exiger TLS). Son mot de passe va dans le trousseau du système, jamais ici.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Store the &amp;password…</source>
        <translation>Enregistrer le mot de &amp;passe…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Backups folder:</source>
        <translation>Dossier des &amp;sauvegardes&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Keep:</source>
        <translation>&amp;Conserver&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Default &amp;workspace:</source>
        <translation>&amp;Espace de travail par défaut&#xa0;:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many hours make the day your daily rate pays; kept in this workspace.</source>
        <translation>Combien d’heures fait la journée que paie votre tarif journalier&#x202f;; enregistré dans cet espace de travail.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Hours per day:</source>
        <translation>&amp;Heures par jour&#xa0;:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Backups folder</source>
        <translation>Dossier des sauvegardes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Default workspace</source>
        <translation>Espace de travail par défaut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>crmdesk workspaces (*.crmdesk *.sqlite *.db);;All files (*)</source>
        <translation>Espaces de travail crmdesk (*.crmdesk *.sqlite *.db);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The password was taken out of the URL: crmdesk keeps none in its settings. Keep it in the system keyring with “Store the password…”.</source>
        <translation>Le mot de passe a été retiré de l’URL&#xa0;: crmdesk n’en garde aucun dans ses réglages. Gardez-le dans le trousseau du système avec «&#xa0;Enregistrer le mot de passe…&#xa0;».</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This is not a PostgreSQL URL: postgresql://user@host:5432/database.</source>
        <translation>Ceci n’est pas une URL PostgreSQL&#xa0;: postgresql://utilisateur@hôte:5432/base.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The password of %1 is kept in the system keyring.</source>
        <translation>Le mot de passe de %1 est gardé dans le trousseau du système.</translation>
    </message>
</context>
<context>
    <name>PreviewControls</name>
    <message numerus="yes">
        <location filename="../../ui/bat/proof_view.py" line="-2"/>
        <source>%n remote request(s) blocked</source>
        <translation>
            <numerusform>%n requête distante bloquée</numerusform>
            <numerusform>%n requêtes distantes bloquées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <location filename="../../ui/profile.py" line="+30"/>
        <source>Your profile needs a name.</source>
        <translation>Votre profil doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name is longer than 120 characters.</source>
        <translation>Le nom dépasse 120 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not an email address (name@domain.fr).</source>
        <translation>Ce n’est pas une adresse e-mail (nom@domaine.fr).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The company is longer than 120 characters.</source>
        <translation>La société dépasse 120 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The logo path is not valid.</source>
        <translation>Le chemin du logo n’est pas valide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the colour as #rrggbb (#1f2937).</source>
        <translation>Écrivez la couleur sous la forme #rrvvbb (#1f2937).</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location line="+123"/>
        <source>My profile</source>
        <translation>Mon profil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your name signs every decision, checklist tick, BAT and send, and your name, logo and colour head the reports your clients receive.</source>
        <translation>Votre nom signe chaque décision, chaque case cochée, chaque BAT et chaque envoi&#x202f;; votre nom, votre logo et votre couleur figurent en tête des rapports que reçoivent vos clients.</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location line="-109"/>
        <source>e.g. Camille Moreau</source>
        <translation>par ex. Camille Moreau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>camille@example.fr</source>
        <translation>camille@exemple.fr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your company or trade name (optional)</source>
        <translation>Votre société ou nom commercial (facultatif)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A PNG or SVG for your reports (optional)</source>
        <translation>Un PNG ou un SVG pour vos rapports (facultatif)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Company</source>
        <translation>&amp;Société</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Logo</source>
        <translation>&amp;Logo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co&amp;lour of your reports</source>
        <translation>C&amp;ouleur de vos rapports</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Your logo</source>
        <translation>Votre logo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.png *.svg *.jpg *.jpeg)</source>
        <translation>Images (*.png *.svg *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Colour</source>
        <translation>Couleur</translation>
    </message>
</context>
<context>
    <name>RecapSendDialog</name>
    <message>
        <location filename="../../ui/reports/send_dialog.py" line="+77"/>
        <source>Send the recap of “%1”</source>
        <extracomment>Recipients are typed one a line or separated by &quot;;&quot; (a name may hold a comma). The confirmation (&quot;Recap sent to 2 addresses&quot;), for the report window&apos;s status line.</extracomment>
        <translation>Envoyer le récapitulatif de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SMTP account</source>
        <translation>Compte SMTP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts…</source>
        <translation>Comptes…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No SMTP account yet: add the one your emails go out through (Accounts…).</source>
        <translation>Aucun compte SMTP pour l’instant&#xa0;: ajoutez celui par lequel partent vos emails (Comptes…).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One address a line: Name &lt;name@example.com&gt;</source>
        <translation>Une adresse par ligne&#xa0;: Nom &lt;nom@exemple.fr&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recap – %1</source>
        <translation>Récapitulatif – %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hello,

Please find attached the recap of the campaign “%1”: its results, what we learnt from it and the next steps.

Best regards,
%2</source>
        <translation>Bonjour,

Vous trouverez ci-joint le récapitulatif de la campagne «&#xa0;%1&#xa0;»&#xa0;: ses résultats, ce que nous en retenons et les prochaines étapes.

Bien cordialement,
%2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To</source>
        <translation>&amp;Destinataires</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ubject</source>
        <translation>&amp;Objet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Message</source>
        <translation>&amp;Message</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;PDF attached</source>
        <translation>&amp;PDF joint</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sending</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending… (a send cannot be interrupted)</source>
        <translation>Envoi… (un envoi ne peut pas être interrompu)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sent</source>
        <translation>Envoyé le</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recaps already sent for this campaign</source>
        <translation>Récapitulatifs déjà envoyés pour cette campagne</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No recap sent yet for this campaign.</source>
        <translation>Aucun récapitulatif envoyé pour cette campagne.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the recap (Ctrl+Enter)</source>
        <translation>Envoyer le récapitulatif (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Recaps sent</source>
        <translation>Récapitulatifs envoyés</translation>
    </message>
    <message numerus="yes">
        <location line="+104"/>
        <source>Recap sent to %n address(es).</source>
        <translation>
            <numerusform>Récapitulatif envoyé à %n adresse.</numerusform>
            <numerusform>Récapitulatif envoyé à %n adresses.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The email needs a subject.</source>
        <translation>L’email doit avoir un objet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The subject is longer than %1 characters.</source>
        <translation>L’objet dépasse %1 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message is longer than %1 characters.</source>
        <translation>Le message dépasse %1 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the PDF a file name.</source>
        <translation>Donnez un nom de fichier au PDF.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attachment is not a PDF: make the report again.</source>
        <translation>La pièce jointe n’est pas un PDF&#xa0;: refaites le rapport.</translation>
    </message>
</context>
<context>
    <name>RemoteChanges</name>
    <message>
        <location filename="../../ui/remote_changes.py" line="+106"/>
        <source>Connection to the server restored</source>
        <extracomment>How long the status bar says the server is back. How long it shows a read the server could not answer. How long closing the window waits for the listener&apos;s thread (it checks every half second; one stuck connecting to a vanished host is a daemon and is left to end with the app). The listener&apos;s calls, from its thread; queued to this object&apos;s (the GUI) thread.</extracomment>
        <translation>Connexion au serveur rétablie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection to the server lost — retrying…</source>
        <translation>Connexion au serveur perdue — nouvelle tentative…</translation>
    </message>
</context>
<context>
    <name>ReportSettingsDialog</name>
    <message>
        <location filename="../../ui/reports/settings_dialog.py" line="-68"/>
        <source>The path is longer than %1 characters.</source>
        <extracomment>The images a report can show (as ``crmdesk.render.reports.LOGO_SUFFIXES``).</extracomment>
        <translation>Le chemin dépasse %1 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A path is a single line.</source>
        <translation>Un chemin tient sur une seule ligne.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Report settings</source>
        <translation>Paramètres des rapports</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>You, on every report</source>
        <translation>Vous, sur chaque rapport</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>My &amp;profile…</source>
        <translation>Mon &amp;profil…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The client&apos;s logo</source>
        <translation>Le logo du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each client, on its own reports</source>
        <translation>Chaque client, sur ses propres rapports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its lo&amp;go</source>
        <translation>Son lo&amp;go</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None: the shipped templates</source>
        <translation>Aucun&#xa0;: les modèles fournis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A file in this folder takes the place of the shipped template of the same name (recap.html, review.html, brief.html, report.css…); the others stay as shipped.</source>
        <translation>Un fichier de ce dossier remplace le modèle fourni du même nom (recap.html, review.html, brief.html, report.css…)&#xa0;; les autres restent ceux fournis.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your own templates</source>
        <translation>Vos propres modèles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Folder</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1, in %2</source>
        <translation>%1, en %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>logo: %1</source>
        <translation>logo&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No profile yet: your reports carry no name.</source>
        <translation>Pas encore de profil&#xa0;: vos rapports ne portent aucun nom.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Your templates folder</source>
        <translation>Le dossier de vos modèles</translation>
    </message>
</context>
<context>
    <name>ReportWindow</name>
    <message>
        <location filename="../../ui/reports/export_dialog.py" line="+177"/>
        <source>Quarterly review — %1, %2</source>
        <extracomment>The PDF is on screen (its page count): for the tests and the status bar.</extracomment>
        <translation>Bilan trimestriel — %1, %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Campaign recap — %1</source>
        <translation>Bilan de campagne — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brief as PDF — %1</source>
        <translation>Brief en PDF — %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Gathering the figures</source>
        <translation>Collecte des chiffres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laying out the page</source>
        <translation>Mise en page</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drawing the charts</source>
        <translation>Dessin des graphiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printing the PDF</source>
        <translation>Impression du PDF</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Progress of the report</source>
        <translation>Avancement du rapport</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the report again (F5)</source>
        <translation>Refaire le rapport (F5)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Preview of the PDF</source>
        <translation>Aperçu du PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Zoom arrière (Ctrl+-)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (Ctrl+=)</source>
        <translation>Zoom avant (Ctrl+=)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit width</source>
        <translation>Pleine largeur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit the page to the window (Ctrl+0)</source>
        <translation>Ajuster la page à la fenêtre (Ctrl+0)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Save PDF…</source>
        <translation>&amp;Enregistrer le PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the PDF where you choose (Ctrl+S)</source>
        <translation>Enregistrer le PDF où vous voulez (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send to the &amp;client…</source>
        <translation>Envoyer au &amp;client…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email the PDF to the client&apos;s contacts through an SMTP account</source>
        <translation>Envoyer le PDF par email aux contacts du client, par un compte SMTP</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+46"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Updating the report…</source>
        <translation>Mise à jour du rapport…</translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Chromium could not print the report: %1</source>
        <translation>Chromium n’a pas pu imprimer le rapport&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report took too long to print. Try again, or close other windows first.</source>
        <translation>L’impression du rapport a pris trop de temps. Réessayez, ou fermez d’abord d’autres fenêtres.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Save the PDF</source>
        <translation>Enregistrer le PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved to %1 (%2)</source>
        <translation>Enregistré dans %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../render/reports.py" line="+141"/>
        <source>The %1 logo was not found, so the report has none: %2</source>
        <extracomment>The text column of an A4 page with the print margins, in pixels at 100 dpi (the charts&apos; size in the PDF, so their text prints at the size it was drawn). Image formats Chromium shows in a report; anything else is reported as unusable. The print palette: a white page, dark text; the client&apos;s colour is the accent.</extracomment>
        <translation>Le logo de %1 est introuvable, le rapport n’en a donc pas&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The %1 logo is not an image a report can show (PNG, JPEG, SVG): %2</source>
        <translation>Le logo de %1 n’est pas une image qu’un rapport peut afficher (PNG, JPEG, SVG)&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Your templates folder was not found; the shipped templates were used: %1</source>
        <translation>Le dossier de vos modèles est introuvable&#xa0;; les modèles fournis ont été utilisés&#xa0;: %1</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>operator</source>
        <translation>l’opérateur</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/backups.py" line="+68"/>
        <location line="+105"/>
        <location line="+97"/>
        <source>Restore a backup</source>
        <extracomment>The role holding a row&apos;s backup path. The question asked before a restore, while it is open (tests click its buttons).</extracomment>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>Backups of %1 in %2. Restoring one replaces the workspace; its current state is backed up first.</source>
        <translation>Sauvegardes de %1 dans %2. En restaurer une remplace l’espace de travail&#x202f;; son état actuel est sauvegardé d’abord.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Taken on</source>
        <translation>Prise le</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No backup yet: use “Back up now” to take one.</source>
        <translation>Aucune sauvegarde&#xa0;: utilisez «&#xa0;Sauvegarder maintenant&#xa0;» pour en prendre une.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore…</source>
        <translation>Restaurer…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1: this file cannot be read as a crmdesk workspace.</source>
        <translation>%1&#xa0;: ce fichier ne peut pas être lu comme un espace de travail crmdesk.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Restore the backup of %1?</source>
        <translation>Restaurer la sauvegarde du %1&#x202f;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The workspace will be replaced by this backup. Its current state is backed up first, so this restore can itself be undone.</source>
        <translation>L’espace de travail sera remplacé par cette sauvegarde. Son état actuel est sauvegardé d’abord&#xa0;: cette restauration peut elle-même être annulée.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Backup written: %1</source>
        <translation>Sauvegarde écrite&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>crmdesk cannot write in the backups folder (read-only, permission refused or not a folder): no backup was taken and the workspace is as it was. Choose another backups folder in the preferences.</source>
        <translation>crmdesk ne peut pas écrire dans le dossier des sauvegardes (lecture seule, permission refusée ou pas un dossier)&#xa0;: aucune sauvegarde n’a été prise et l’espace de travail est intact. Choisissez un autre dossier de sauvegardes dans les préférences.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The disk holding the backups folder is full: no backup was taken, no partial file was left and the workspace is as it was. Free some space and try again.</source>
        <translation>Le disque du dossier des sauvegardes est plein&#xa0;: aucune sauvegarde n’a été prise, aucun fichier partiel n’est resté et l’espace de travail est intact. Libérez de la place et réessayez.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This workspace is a database on a PostgreSQL server, shared with the other people who use it: restoring it is the server administrator&apos;s job (from a pg_dump backup, with pg_restore). Nothing was changed.</source>
        <translation>Cet espace de travail est une base sur un serveur PostgreSQL, partagée avec les autres personnes qui l’utilisent&#xa0;: la restaurer revient à l’administrateur du serveur (depuis une sauvegarde pg_dump, avec pg_restore). Rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../ui/reports/review_dialog.py" line="+39"/>
        <source>Q%1 %2</source>
        <extracomment>How many quarters the combo offers: the one in progress and the seven before, two years.</extracomment>
        <translation>T%1 %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Quarterly review</source>
        <extracomment>The client&apos;s id and the ``Quarter`` whose review to make.</extracomment>
        <translation>Bilan trimestriel</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>What comes next for this client: the tests to run, the campaigns planned, the goals of the quarter ahead. The review ends with it.</source>
        <translation>La suite pour ce client&#xa0;: les tests à mener, les campagnes prévues, les objectifs du trimestre à venir. Le bilan se termine par elle.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The roadmap is kept for this client and quarter when the review is made.</source>
        <translation>La feuille de route est enregistrée pour ce client et ce trimestre quand le bilan est fait.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quarter</source>
        <translation>&amp;Trimestre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Roadmap</source>
        <translation>&amp;Feuille de route</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make the review as a PDF (Ctrl+Enter)</source>
        <translation>Faire le bilan en PDF (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The roadmap is longer than %1 characters: shorten it.</source>
        <translation>La feuille de route dépasse %1 caractères&#xa0;: raccourcissez-la.</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/brief/search.py" line="+28"/>
        <source>Search briefs and campaigns</source>
        <translation>Rechercher dans les briefs et les campagnes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Words from a brief or a campaign…</source>
        <translation>Mots d’un brief ou d’une campagne…</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SegmentsPanel</name>
    <message>
        <location filename="../../ui/clients/window.py" line="-408"/>
        <location line="+14"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+16"/>
        <source>Estimated size</source>
        <translation>Taille estimée</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Segments</source>
        <translation>Segments</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Active subscribers</source>
        <translation>par ex. Abonnés actifs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many people the segment holds, as the ESP counts them</source>
        <translation>Combien de personnes compte le segment, selon le routeur</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New segment</source>
        <translation>Nouveau segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+76"/>
        <location line="+53"/>
        <source>Archive</source>
        <translation>Archiver</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>%1 (archived)</source>
        <translation>%1 (archivé)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Archived: no longer offered to new campaigns; restore it to use it.</source>
        <translation>Archivé&#xa0;: il n&apos;est plus proposé aux nouvelles campagnes&#x202f;; restaurez-le pour l&apos;utiliser.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Segment “%1” added — Ctrl+Z to undo.</source>
        <translation>Segment «&#xa0;%1&#xa0;» ajouté — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment “%1” saved — Ctrl+Z to undo.</source>
        <translation>Segment «&#xa0;%1&#xa0;» enregistré — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add segment</source>
        <translation>Ajouter le segment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save segment</source>
        <translation>Enregistrer le segment</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Segment “%1” archived — Ctrl+Z to undo.</source>
        <translation>Segment «&#xa0;%1&#xa0;» archivé — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Segment “%1” restored — Ctrl+Z to undo.</source>
        <translation>Segment «&#xa0;%1&#xa0;» restauré — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Segment “%1” deleted — Ctrl+Z to undo.</source>
        <translation>Segment «&#xa0;%1&#xa0;» supprimé — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The segment “%1” is targeted by 1 campaign.</source>
        <translation>Le segment «&#xa0;%1&#xa0;» est ciblé par 1 campagne.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The segment “%1” is targeted by %2 campaigns.</source>
        <translation>Le segment «&#xa0;%1&#xa0;» est ciblé par %2 campagnes.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It cannot be deleted; it stays archived.</source>
        <translation>Il ne peut pas être supprimé&#x202f;; il reste archivé.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Archive it instead? It is no longer offered to new campaigns and stays in the history and reports.</source>
        <translation>L&apos;archiver plutôt&#x202f;? Il ne sera plus proposé aux nouvelles campagnes et restera dans l&apos;historique et les rapports.</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <location filename="../../ui/bat/send_dialog.py" line="+55"/>
        <source>Approves</source>
        <translation>Valide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Responsible</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consulted</source>
        <translation>Consulté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Informed</source>
        <translation>Informé</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server refused the login: check the user name and the password (some providers want an app password).</source>
        <translation>Le serveur a refusé la connexion&#xa0;: vérifiez l&apos;identifiant et le mot de passe (certains fournisseurs exigent un mot de passe d&apos;application).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server cannot be reached: check its name, the port and the network.</source>
        <translation>Le serveur est injoignable&#xa0;: vérifiez son nom, le port et le réseau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server&apos;s certificate could not be verified: check that the server name is the one on its certificate.</source>
        <translation>Le certificat du serveur n&apos;a pas pu être vérifié&#xa0;: vérifiez que le nom du serveur est celui de son certificat.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server did not answer in time: check the port and the security setting (465 usually means SSL, 587 STARTTLS).</source>
        <translation>Le serveur n&apos;a pas répondu à temps&#xa0;: vérifiez le port et la sécurité (465 correspond en général à SSL, 587 à STARTTLS).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server refused some of the addresses.</source>
        <translation>Le serveur a refusé certaines adresses.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The encrypted connection failed: check the security setting (465 usually means SSL, 587 STARTTLS).</source>
        <translation>La connexion chiffrée a échoué&#xa0;: vérifiez la sécurité (465 correspond en général à SSL, 587 à STARTTLS).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The keyring holds no password for this account: type it again in the account&apos;s settings.</source>
        <translation>Le trousseau n&apos;a pas de mot de passe pour ce compte&#xa0;: saisissez-le à nouveau dans les réglages du compte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server closed the connection during the send: the email was probably not delivered. Try again later.</source>
        <translation>Le serveur a fermé la connexion pendant l’envoi&#xa0;: l’e-mail n’a probablement pas été remis. Réessayez plus tard.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What answers on this port is not an email server: check the port and the security setting (465 usually means SSL, 587 STARTTLS).</source>
        <translation>Ce qui répond sur ce port n’est pas un serveur de messagerie&#xa0;: vérifiez le port et la sécurité (465 correspond en général à SSL, 587 à STARTTLS).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server answered with an error.</source>
        <translation>Le serveur a répondu par une erreur.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1” is not an email address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse email.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose at least one recipient.</source>
        <translation>Choisissez au moins un destinataire.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account has no sender address: give it one in the account&apos;s settings.</source>
        <translation>Ce compte n&apos;a pas d&apos;adresse d&apos;expéditeur&#xa0;: indiquez-en une dans les réglages du compte.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Send BAT %1 as a test</source>
        <extracomment>The confirmation (&quot;BAT 2 sent to 3 addresses&quot;), for the window&apos;s status bar.</extracomment>
        <translation>Envoyer le BAT %1 en test</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>BAT %1 of “%2” goes to each address as the client will receive it: images embedded, tags filled from the persona.</source>
        <translation>Le BAT %1 de «&#xa0;%2&#xa0;» part vers chaque adresse tel que le client le recevra&#xa0;: images intégrées, balises remplies d&apos;après le persona.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SMTP account</source>
        <translation>Compte SMTP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accounts…</source>
        <translation>Comptes…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No SMTP account yet: add the one test sends go out through.</source>
        <translation>Pas encore de compte SMTP&#xa0;: ajoutez celui par lequel partiront les envois de test.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add an account…</source>
        <translation>Ajouter un compte…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client&apos;s contacts</source>
        <translation>Les contacts du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space ticks or unticks the contact</source>
        <translation>Espace coche ou décoche le contact</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The client has no contact with an email address: type the addresses below.</source>
        <translation>Le client n&apos;a aucun contact avec une adresse email&#xa0;: saisissez les adresses ci-dessous.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name@example.com; other@example.com</source>
        <translation>nom@example.com; autre@example.com</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sample persona</source>
        <translation>Persona d&apos;exemple</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Personas…</source>
        <translation>Personas…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Recipients</source>
        <translation>&amp;Destinataires</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Other addresses</source>
        <translation>&amp;Autres adresses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Persona</source>
        <translation>&amp;Persona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending… (a send cannot be interrupted)</source>
        <translation>Envoi en cours… (un envoi ne peut pas être interrompu)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Default sample (%1 %2)</source>
        <translation>Exemple par défaut (%1 %2)</translation>
    </message>
    <message numerus="yes">
        <location line="+93"/>
        <source>BAT %1 sent to %n address(es)</source>
        <translation>
            <numerusform>BAT %1 envoyé à %n adresse</numerusform>
            <numerusform>BAT %1 envoyé à %n adresses</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServerPasswordDialog</name>
    <message>
        <location filename="../../ui/preferences.py" line="+44"/>
        <source>Store the password</source>
        <translation>Enregistrer le mot de passe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password of %1, kept in the system keyring:</source>
        <translation>Le mot de passe de %1, gardé dans le trousseau du système&#xa0;:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Type the password first.</source>
        <translation>Saisissez d’abord le mot de passe.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The server may also read it from ~/.pgpass.</source>
        <translation>Le serveur peut aussi le lire dans ~/.pgpass.</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <location filename="../../ui/reports/statement_dialog.py" line="+72"/>
        <source>Activity statement</source>
        <extracomment>The formats offered, with their suffix. The file was written (its path): for the status bar and the tests.</extracomment>
        <translation>Relevé d’activité</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Month</source>
        <translation>&amp;Mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;rom</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;to</source>
        <translation>&amp;au</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF statement (one page)</source>
        <translation>Relevé PDF (une page)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (Excel, invoicing tools)</source>
        <translation>CSV (Excel, outils de facturation)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Classeur Excel (.xlsx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Client</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Save as…</source>
        <translation>&amp;Enregistrer sous…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The end of the period is before its start.</source>
        <translation>La fin de la période précède son début.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PDF document (*.pdf)</source>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file (*.csv)</source>
        <translation>Fichier CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the activity statement</source>
        <translation>Enregistrer le relevé d’activité</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Printing the PDF…</source>
        <translation>Impression du PDF…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved to %1</source>
        <translation>Enregistré dans %1</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <location filename="../../render/charts.py" line="+244"/>
        <source>No figures yet</source>
        <extracomment>Text sizes in points, readable on a chart of about 600 × 350 pixels. The resolution of saved PNGs: sharp in a printed or projected report. Beyond this many campaigns the trend draws dots and a running mean instead of a line. Beyond this many slots the heat map writes only the best ones&apos; rates in their cells. One colour per segment; none of them is red, which marks what is over the cap.</extracomment>
        <translation>Pas encore de chiffres</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Sent</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+106"/>
        <source>Delivered</source>
        <translation>Délivrés</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>%1 of sent</source>
        <translation>%1 des envoyés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unique opens</source>
        <translation>Ouvreurs uniques</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>%1 of delivered</source>
        <translation>%1 des délivrés</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Unique clicks</source>
        <translation>Cliqueurs uniques</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Conversions</source>
        <translation>Conversions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of clickers</source>
        <translation>%1 des cliqueurs</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>CTOR (clicks ÷ opens): %1</source>
        <translation>Taux de réactivité (clics ÷ ouvertures)&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../render/chart_cache.py" line="+78"/>
        <location filename="../../render/charts.py" line="+8"/>
        <source>Campaign funnel</source>
        <extracomment>Points the disk cache elsewhere (the tests use a folder of their own). Charts kept in memory: a few reports&apos; worth. Charts kept on disk, the least recently used ones removed beyond it (about 60 KB each). What draws a chart: a change to any of them must draw it again.</extracomment>
        <translation>Entonnoir de la campagne</translation>
    </message>
    <message>
        <location filename="../../render/charts.py" line="+5"/>
        <source>Other domains</source>
        <translation>Autres domaines</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>all: %1</source>
        <translation>ensemble&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+284"/>
        <source>Open rate</source>
        <translation>Taux d’ouverture</translation>
    </message>
    <message>
        <location line="-277"/>
        <source>Bounce rate</source>
        <translation>Taux de bounce</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Deliverability by domain</source>
        <translation>Délivrabilité par domaine</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Opens</source>
        <translation>Ouvertures</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clicks</source>
        <translation>Clics</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 — half of them within %2 h</source>
        <translation>%1 — la moitié en moins de %2 h</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hours after the send</source>
        <translation>Heures après l’envoi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opens and clicks over time</source>
        <translation>Ouvertures et clics dans le temps</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open rate by variant</source>
        <translation>Taux d’ouverture par variante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversion rate by variant</source>
        <translation>Taux de conversion par variante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click rate by variant</source>
        <translation>Taux de clic par variante</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Winner (chosen by hand)</source>
        <translation>Gagnante (choisie à la main)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Winner</source>
        <translation>Gagnante</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 recipients</source>
        <translation>%1 destinataires</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 wins at %2 confidence</source>
        <translation>%1 gagne avec une confiance de %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No significant difference at %1 confidence</source>
        <translation>Pas de différence significative à %1 de confiance</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 chosen by hand</source>
        <translation>%1 choisie à la main</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 recipients per variant would be needed to detect this difference</source>
        <translation>Il faudrait %1 destinataires par variante pour détecter cet écart</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2 confidence intervals)</source>
        <translation>%1 (intervalles de confiance à %2)</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Click rate</source>
        <translation>Taux de clic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CTOR</source>
        <translation>Taux de réactivité</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Inflated by privacy proxies</source>
        <translation>Gonflé par les proxys de confidentialité</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>12-month average</source>
        <translation>Moyenne sur 12 mois</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>KPI trend</source>
        <translation>Évolution des KPI</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Mean rate per send slot (in %) over %1 campaigns; blank: none sent</source>
        <translation>Taux moyen par créneau d’envoi (en %) sur %1 campagnes&#xa0;; vide&#xa0;: aucun envoi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mean rate per send slot over %1 campaigns; the 10 best slots in %</source>
        <translation>Taux moyen par créneau d’envoi sur %1 campagnes&#xa0;; les 10 meilleurs créneaux en %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click rate by send day and hour</source>
        <translation>Taux de clic par jour et heure d’envoi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open rate by send day and hour</source>
        <translation>Taux d’ouverture par jour et heure d’envoi</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Planned</source>
        <translation>Prévu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cap: %1 a week</source>
        <translation>Plafond&#xa0;: %1 par semaine</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Over the cap</source>
        <translation>Au-dessus du plafond</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sends per segment per week</source>
        <translation>Envois par segment et par semaine</translation>
    </message>
</context>
<context>
    <name>StatsImport</name>
    <message>
        <location filename="../../ui/stats/import_flow.py" line="+63"/>
        <source>Map the columns of this export</source>
        <extracomment>A mapped report needs these to say anything; an activity file needs its three columns.</extracomment>
        <translation>Associer les colonnes de cet export</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>crmdesk does not know this export. Say which column holds each figure; the mapping is remembered for the ESP named below.</source>
        <translation>crmdesk ne connaît pas cet export. Indiquez quelle colonne contient chaque chiffre&#xa0;; l’association est mémorisée pour le routeur nommé ci-dessous.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Campaign report (one line per campaign or variant)</source>
        <translation>Rapport de &amp;campagne (une ligne par campagne ou variante)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Per-recipient &amp;activity (address, event, time)</source>
        <translation>&amp;Activité par destinataire (adresse, événement, heure)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sendinblue, Splio, Actito…</source>
        <translation>Sendinblue, Splio, Actito…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>— not in the file —</source>
        <translation>— absent du fichier —</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>ESP</source>
        <translation>Routeur</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First lines of the file:</source>
        <translation>Premières lignes du fichier&#xa0;:</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose the columns: %1.</source>
        <translation>Choisissez les colonnes&#xa0;: %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose at least the column of emails sent or delivered.</source>
        <translation>Choisissez au moins la colonne des emails envoyés ou délivrés.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Import an ESP export</source>
        <extracomment>A sentence for the window: the refusal, or what was imported. The file being read, if any. The question open about a file that does not look like the campaign&apos;s, if any, and its &quot;Import anyway&quot; button.</extracomment>
        <translation>Importer un export de routeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV exports (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Exports CSV (*.csv *.txt *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+36"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Import this file?</source>
        <translation>Importer ce fichier&#x202f;?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 would replace figures already recorded.</source>
        <translation>%1 remplacerait des chiffres déjà enregistrés.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not look like this campaign&apos;s export.</source>
        <translation>%1 ne ressemble pas à l’export de cette campagne.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import anyway</source>
        <translation>Importer quand même</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 was not imported: nothing was written.</source>
        <translation>%1 n’a pas été importé&#xa0;: rien n’a été écrit.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The file is about the campaign “%1”; this campaign is “%2”.</source>
        <translation>Le fichier concerne la campagne «&#xa0;%1&#xa0;»&#x202f;; cette campagne est «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file’s subject is “%1”; this campaign’s is “%2”.</source>
        <translation>L’objet du fichier est «&#xa0;%1&#xa0;»&#x202f;; celui de cette campagne est «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file’s send date is %1; this campaign was sent on %2.</source>
        <translation>La date d’envoi du fichier est le %1&#x202f;; cette campagne a été envoyée le %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file has opens or clicks from %1, before this campaign’s send (%2).</source>
        <translation>Le fichier contient des ouvertures ou des clics dès le %1, avant l’envoi de cette campagne (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file has opens or clicks until %1, more than 60 days after this campaign’s send (%2).</source>
        <translation>Le fichier contient des ouvertures ou des clics jusqu’au %1, plus de 60 jours après l’envoi de cette campagne (%2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Figures are already recorded for %1 (%2): they would be replaced.</source>
        <translation>Des chiffres sont déjà enregistrés pour le %1 (%2)&#xa0;: ils seraient remplacés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>typed in</source>
        <translation>saisis</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 was already imported into this campaign: nothing changed.</source>
        <translation>%1 a déjà été importé dans cette campagne&#xa0;: rien n’a changé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: lines read: %2; figures saved for %3.</source>
        <translation>%1&#xa0;: lignes lues&#xa0;: %2&#xa0;; chiffres enregistrés au %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Variants: %1.</source>
        <translation>Variantes&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>StatsLabels</name>
    <message>
        <location filename="../../render/labels.py" line="+12"/>
        <source>Delivery rate</source>
        <translation>Taux de délivrabilité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unique open rate</source>
        <translation>Taux d’ouverture unique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click rate</source>
        <translation>Taux de clic</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click-to-open rate (CTOR)</source>
        <translation>Taux de réactivité (CTOR)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsubscribe rate</source>
        <translation>Taux de désinscription</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard bounce rate</source>
        <translation>Taux de hard bounce</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soft bounce rate</source>
        <translation>Taux de soft bounce</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaint rate</source>
        <translation>Taux de plainte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversion rate (of clickers)</source>
        <translation>Taux de conversion (des cliqueurs)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revenue per delivered email</source>
        <translation>CA par email délivré</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sent</source>
        <translation>Envoyés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Délivrés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hard bounces</source>
        <translation>Hard bounces</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soft bounces</source>
        <translation>Soft bounces</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unique opens</source>
        <translation>Ouvreurs uniques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total opens</source>
        <translation>Ouvertures totales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unique clicks</source>
        <translation>Cliqueurs uniques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total clicks</source>
        <translation>Clics totaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsubscribes</source>
        <translation>Désinscriptions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complaints</source>
        <translation>Plaintes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversions</source>
        <translation>Conversions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revenue (€)</source>
        <translation>CA (€)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign title</source>
        <translation>Titre de la campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email address</source>
        <translation>Adresse email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>typed</source>
        <translation>saisi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>activity export</source>
        <translation>export d’activité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (mapped columns)</source>
        <translation>CSV (colonnes associées)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>clicks</source>
        <translation>clics</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>opens</source>
        <translation>ouvertures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conversions</source>
        <translation>conversions</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>D+%1</source>
        <extracomment>Languages that write a (non-breaking) space before the percent sign.</extracomment>
        <translation>J+%1</translation>
    </message>
    <message>
        <location filename="../../ui/stats/problems.py" line="+17"/>
        <source>%1 cannot be negative.</source>
        <translation>%1 ne peut pas être négatif.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The figures need at least one email sent.</source>
        <translation>Les chiffres demandent au moins un email envoyé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More emails delivered than sent.</source>
        <translation>Plus d’emails délivrés qu’envoyés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More bounces than emails sent.</source>
        <translation>Plus de bounces que d’emails envoyés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More unique opens than emails delivered.</source>
        <translation>Plus d’ouvreurs uniques que d’emails délivrés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: fewer in total than unique.</source>
        <translation>%1&#xa0;: moins au total qu’en unique.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More unique clicks than emails delivered.</source>
        <translation>Plus de cliqueurs uniques que d’emails délivrés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More unsubscribes than emails delivered.</source>
        <translation>Plus de désinscriptions que d’emails délivrés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More complaints than emails delivered.</source>
        <translation>Plus de plaintes que d’emails délivrés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A variant&apos;s name has at most 40 characters.</source>
        <translation>Le nom d’une variante fait au plus 40 caractères.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Figures cannot be dated before the send.</source>
        <translation>Des chiffres ne peuvent pas dater d’avant l’envoi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This campaign has no such variant.</source>
        <translation>Cette campagne n’a pas cette variante.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say who chose the winner.</source>
        <translation>Indiquez qui a choisi la gagnante.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The confidence level must be between 50 % and 100 %.</source>
        <translation>Le niveau de confiance doit être compris entre 50 % et 100 %.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A relance follows a campaign already sent: this one is not.</source>
        <translation>Une relance suit une campagne déjà envoyée&#xa0;: celle-ci ne l’est pas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only an email campaign can have a relance.</source>
        <translation>Seule une campagne email peut avoir une relance.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This file does not exist any more.</source>
        <translation>Ce fichier n’existe plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file could not be read as a CSV export.</source>
        <translation>Ce fichier n’a pas pu être lu comme un export CSV.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is too large to be an export crmdesk can read (%size).</source>
        <translation>Ce fichier est trop gros pour un export que crmdesk sait lire (%size).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is empty.</source>
        <translation>Ce fichier est vide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crmdesk does not recognise this export&apos;s columns: map them in the dialog.</source>
        <translation>crmdesk ne reconnaît pas les colonnes de cet export&#xa0;: associez-les dans la fenêtre.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Columns are missing: %columns.</source>
        <translation>Des colonnes manquent&#xa0;: %columns.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %line, column “%column”: “%value” is not a number.</source>
        <translation>Ligne %line, colonne «&#xa0;%column&#xa0;»&#xa0;: «&#xa0;%value&#xa0;» n’est pas un nombre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %line, column “%column”: “%value” is negative.</source>
        <translation>Ligne %line, colonne «&#xa0;%column&#xa0;»&#xa0;: «&#xa0;%value&#xa0;» est négatif.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %line, column “%column”: the figures contradict each other.</source>
        <translation>Ligne %line, colonne «&#xa0;%column&#xa0;»&#xa0;: les chiffres se contredisent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %line, column “%column”: “%value” is not a date.</source>
        <translation>Ligne %line, colonne «&#xa0;%column&#xa0;»&#xa0;: «&#xa0;%value&#xa0;» n’est pas une date.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %line, column “%column”: “%value” is not a known event.</source>
        <translation>Ligne %line, colonne «&#xa0;%column&#xa0;»&#xa0;: «&#xa0;%value&#xa0;» n’est pas un événement connu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No line of this report is about this campaign.</source>
        <translation>Aucune ligne de ce rapport ne concerne cette campagne.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line %line: the CSV is malformed.</source>
        <translation>Ligne %line&#xa0;: le CSV est mal formé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The import was cancelled.</source>
        <translation>L’import a été annulé.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was written.</source>
        <translation>Rien n’a été enregistré.</translation>
    </message>
</context>
<context>
    <name>StatsWindow</name>
    <message>
        <location filename="../../ui/stats/commands.py" line="+57"/>
        <source>figures</source>
        <translation>chiffres</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>delete figures</source>
        <translation>supprimer des chiffres</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>decisions</source>
        <translation>décisions</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A/B test metric</source>
        <translation>critère du test A/B</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>confidence level</source>
        <translation>niveau de confiance</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>A/B winner</source>
        <translation>gagnante du test A/B</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>create a relance</source>
        <translation>créer une relance</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="+86"/>
        <source>Stats — %1</source>
        <extracomment>Ctrl+P: the campaign&apos;s recap, once the decisions it quotes are saved.</extracomment>
        <translation>Statistiques — %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Import an export…</source>
        <translation>&amp;Importer un export…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A Mailchimp, Brevo or other ESP CSV, or an activity export (Ctrl+I)</source>
        <translation>Un CSV Mailchimp, Brevo ou d’un autre routeur, ou un export d’activité (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Type figures…</source>
        <translation>&amp;Saisir des chiffres…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures read on the ESP&apos;s dashboard (Ctrl+N)</source>
        <translation>Chiffres lus sur le tableau de bord du routeur (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create a &amp;relance</source>
        <translation>Créer une &amp;relance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A relance campaign to the non-openers of this send (Ctrl+Shift+R)</source>
        <translation>Une campagne de relance vers les non-ouvreurs de cet envoi (Ctrl+Maj+R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recap &amp;PDF…</source>
        <translation>Récap &amp;PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recap of this campaign for the client, as a PDF (Ctrl+P)</source>
        <translation>Le récapitulatif de cette campagne pour le client, en PDF (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;KPIs</source>
        <translation>&amp;KPI</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;A/B test</source>
        <translation>Test &amp;A/B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;harts</source>
        <translation>&amp;Graphiques</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Decisions</source>
        <translation>&amp;Décisions</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opens look inflated by privacy proxies (Apple Mail Privacy Protection): judge this campaign on its clicks.</source>
        <translation>Les ouvertures semblent gonflées par les proxys de confidentialité (Apple Mail Privacy Protection)&#xa0;: jugez cette campagne sur ses clics.</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Client average: the mean of the campaigns sent in the 12 months before this one (%1). Green: better than the target (or the average when there is no target); red: worse; uncoloured: level. “—”: not given, left out of averages.</source>
        <translation>Moyenne du client&#xa0;: la moyenne des campagnes envoyées dans les 12 mois avant celle-ci (%1). Vert&#xa0;: meilleur que l’objectif (ou que la moyenne sans objectif)&#x202f;; rouge&#xa0;: moins bon&#x202f;; sans couleur&#xa0;: égal. «&#xa0;—&#xa0;»&#xa0;: non renseigné, hors des moyennes.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/kpi_table.py" line="+31"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This campaign</source>
        <translation>Cette campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target (brief)</source>
        <translation>Objectif (brief)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client average</source>
        <translation>Moyenne client</translation>
    </message>
    <message>
        <location filename="../../ui/stats/snapshots_table.py" line="+44"/>
        <source>Day</source>
        <extracomment>Double-click on a line. Delete on the table.</extracomment>
        <translation>Jour</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bounces</source>
        <translation>Bounces</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Double-click to correct; Delete removes the line</source>
        <translation>Double-clic pour corriger&#xa0;; Suppr retire la ligne</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="-84"/>
        <source>&lt;b&gt;Figures recorded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Chiffres enregistrés&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/stats/ab_panel.py" line="+58"/>
        <source>No A/B test on this campaign: type or import figures per variant (A, B…) to compare them.</source>
        <extracomment>Judge the test on another metric. The confidence a winner needs (0–1), for all of the client&apos;s tests. A winner chosen by hand (None: the test decides) and why. The client&apos;s confidence level: the verdict&apos;s and the sample size&apos;s, test or not.</extracomment>
        <translation>Pas de test A/B sur cette campagne&#xa0;: saisissez ou importez des chiffres par variante (A, B…) pour les comparer.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The confidence a winner needs, for all of this client&apos;s tests</source>
        <translation>La confiance qu’il faut à une gagnante, pour tous les tests de ce client</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Judged on</source>
        <translation>Jugé sur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confidence level</source>
        <translation>Niveau de confiance</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Successes</source>
        <translation>Succès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Why (brand choice, test cut short…)</source>
        <translation>Pourquoi (choix de marque, test écourté…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;cord the winner</source>
        <translation>&amp;Enregistrer la gagnante</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Winner chosen by hand</source>
        <translation>Gagnante choisie à la main</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Sample size for the next test</source>
        <translation>Taille d’échantillon du prochain test</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Current rate</source>
        <translation>Taux actuel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Relative lift to detect</source>
        <translation>Hausse relative à détecter</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="+15"/>
        <source>Right-click a chart to save it as PNG or SVG.</source>
        <translation>Clic droit sur un graphique pour l’enregistrer en PNG ou SVG.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/decisions.py" line="+26"/>
        <source>What the D+5 analysis decides: the next A/B test, a relance, the next target…
The campaign recap quotes this text.</source>
        <extracomment>The save button (the window saves on Ctrl+S and when it closes too).</extracomment>
        <translation>Ce que décide l’analyse J+5&#xa0;: le prochain test A/B, une relance, la prochaine cible…
Le récap de campagne reprend ce texte.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save the decisions</source>
        <translation>Enregistrer les &amp;décisions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+S; also saved when the window closes</source>
        <translation>Ctrl+S&#xa0;; aussi enregistré à la fermeture de la fenêtre</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="+41"/>
        <source>%1 — sent %2</source>
        <translation>%1 — envoyée le %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No figures yet: import the ESP&apos;s export (Ctrl+I) or type them (Ctrl+N).</source>
        <translation>Pas encore de chiffres&#xa0;: importez l’export du routeur (Ctrl+I) ou saisissez-les (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>KPIs from the figures at %1.</source>
        <translation>KPI calculés sur les chiffres à %1.</translation>
    </message>
    <message>
        <location filename="../../ui/stats/ab_panel.py" line="+57"/>
        <source>%1 wins on %2: the difference is significant at %3 (p = %4).</source>
        <translation>%1 gagne sur les %2&#xa0;: l’écart est significatif à %3 (p = %4).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No winner on %2: no difference is significant at %3 (p = %4). Keep the control or test again on more recipients.</source>
        <translation>Pas de gagnante sur les %2&#xa0;: aucun écart n’est significatif à %3 (p = %4). Gardez la version témoin ou testez à nouveau sur plus de destinataires.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>About %1 recipients per variant would detect this lift.</source>
        <translation>Environ %1 destinataires par variante détecteraient cet écart.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The test decides</source>
        <translation>Le test décide</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 chosen by %2 on %3: %4</source>
        <translation>%1 choisie par %2 le %3&#xa0;: %4</translation>
    </message>
    <message>
        <location filename="../../ui/stats/decisions.py" line="+31"/>
        <source>A relance goes to the non-openers once the send&apos;s figures are in.</source>
        <translation>Une relance part vers les non-ouvreurs une fois les chiffres de l’envoi connus.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 recipients did not open this send: Create a relance (Ctrl+Shift+R).</source>
        <translation>%1 destinataires n’ont pas ouvert cet envoi&#xa0;: Créer une relance (Ctrl+Maj+R).</translation>
    </message>
    <message>
        <location filename="../../ui/stats/ab_panel.py" line="+43"/>
        <source>%1 recipients per variant (power 80 %, confidence %2).</source>
        <translation>%1 destinataires par variante (puissance 80 %, confiance %2).</translation>
    </message>
    <message>
        <location filename="../../ui/stats/window.py" line="+144"/>
        <source>Stats</source>
        <translation>Statistiques</translation>
    </message>
</context>
<context>
    <name>StopQuestion</name>
    <message>
        <location filename="../../ui/time/entry_dialog.py" line="+41"/>
        <source>Stop the timer</source>
        <translation>Arrêter le chrono</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The timer on “%1” started on %2 and ran past midnight: %3.</source>
        <translation>Le chrono sur «&#xa0; %1 &#xa0;» a démarré le %2 et a dépassé minuit&#xa0;: %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The timer on “%1” started on %2 and ran for %3.</source>
        <translation>Le chrono sur «&#xa0; %1 &#xa0;» a démarré le %2 et a tourné %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How much time do you bill on %1?</source>
        <translation>Combien de temps saisissez-vous le %1&#x202f;?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hours and minutes (1:30), or hours (1,5 or 2h)</source>
        <translation>Heures et minutes (1:30), ou heures (1,5 ou 2h)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Bill</source>
        <translation>&amp;Saisir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill this time</source>
        <translation>Saisir ce temps</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the timer and bill nothing</source>
        <translation>Arrêter le chrono sans rien saisir</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Write a duration between 0:01 and 24:00, e.g. 7:00.</source>
        <translation>Écrivez une durée entre 0:01 et 24:00, par ex. 7:00.</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../ui/checklist/template_editor.py" line="+55"/>
        <source>Checklist template — %1, %2</source>
        <translation>Modèle de checklist — %1, %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset to default</source>
        <translation>Revenir au modèle par défaut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this client and type&apos;s own template (undo in the checklist window)</source>
        <translation>Supprimer le modèle propre à ce client et ce type (annulable dans la fenêtre de checklist)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Template for %1 — %2</source>
        <translation>Modèle pour %1 — %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New campaigns of this client and type start from these items.</source>
        <translation>Les nouvelles campagnes de ce client et de ce type partent de ces tâches.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This client and type have no template of their own: they use the default checklist, shown here. Saving gives them their own.</source>
        <translation>Ce client et ce type n’ont pas de modèle propre&#xa0;: ils utilisent la checklist par défaut, affichée ici. Enregistrer leur donne le leur.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This client and type use the template of %1 for every type, shown here. Saving gives this type its own.</source>
        <translation>Ce client et ce type utilisent le modèle de %1 pour tous les types, affiché ici. Enregistrer donne à ce type le sien.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This client and type use the template of every %1 campaign, shown here. Saving gives this client its own.</source>
        <translation>Ce client et ce type utilisent le modèle de toutes les campagnes «&#xa0;%1&#xa0;», affiché ici. Enregistrer donne à ce client le sien.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Campaigns already planned keep their checklist.</source>
        <translation>Les campagnes déjà planifiées gardent leur checklist.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>checklist template of %1, %2</source>
        <translation>le modèle de checklist de %1, %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>reset the checklist template of %1, %2</source>
        <translation>la réinitialisation du modèle de checklist de %1, %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This client and type&apos;s own template was removed; Ctrl+Z in the checklist window brings it back.</source>
        <translation>Le modèle propre à ce client et ce type a été supprimé&#xa0;; Ctrl+Z dans la fenêtre de checklist le rétablit.</translation>
    </message>
</context>
<context>
    <name>TimeCommands</name>
    <message>
        <location filename="../../ui/time/commands.py" line="+38"/>
        <source>add time</source>
        <translation>ajouter du temps</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>correct time</source>
        <translation>corriger du temps</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>delete time</source>
        <translation>supprimer du temps</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>start the timer on “%1”</source>
        <translation>démarrer le chrono sur «&#xa0; %1 &#xa0;»</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>discard the timer on “%1”</source>
        <translation>annuler le chrono sur «&#xa0; %1 &#xa0;»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stop the timer on “%1”</source>
        <translation>arrêter le chrono sur «&#xa0; %1 &#xa0;»</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>clear a budget</source>
        <translation>supprimer un budget</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set a budget</source>
        <translation>fixer un budget</translation>
    </message>
</context>
<context>
    <name>TimeDesk</name>
    <message>
        <location filename="../../ui/time/desk.py" line="+37"/>
        <source>&amp;Start or stop the timer</source>
        <extracomment>A message for the main window&apos;s status bar (text, milliseconds). What is open, for the window to close and for tests to drive.</extracomment>
        <translation>&amp;Démarrer ou arrêter le chrono</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+198"/>
        <source>&amp;Add time…</source>
        <translation>&amp;Saisir du temps…</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>&amp;Time spent…</source>
        <translation>&amp;Temps passé…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+198"/>
        <source>&amp;Budget…</source>
        <translation>&amp;Budget…</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>&amp;Stop the timer</source>
        <translation>&amp;Arrêter le chrono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Start the timer</source>
        <translation>&amp;Démarrer le chrono</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select a campaign in the calendar to start its timer.</source>
        <translation>Sélectionnez une campagne dans le calendrier pour démarrer son chrono.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The timer already runs on this campaign.</source>
        <translation>Le chrono tourne déjà sur cette campagne.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Timer started — Ctrl+Shift+T stops it</source>
        <translation>Chrono démarré — Ctrl+Maj+T l’arrête</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Switch the timer</source>
        <translation>Changer le chrono de campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the timer on “%1” (%2) and start one on “%3”?</source>
        <translation>Arrêter le chrono sur «&#xa0; %1 &#xa0;» (%2) et en démarrer un sur «&#xa0; %3 &#xa0;»&#x202f;?</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The timer still runs; nothing was billed.</source>
        <translation>Le chrono tourne toujours&#x202f;; rien n’a été saisi.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 entered on “%2” — Ctrl+Z to undo</source>
        <translation>%1 saisi sur «&#xa0; %2 &#xa0;» — Ctrl+Z pour annuler</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Stop and enter the time</source>
        <translation>&amp;Arrêter et saisir le temps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;witch to another campaign…</source>
        <translation>&amp;Passer à une autre campagne…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel the timer (enter nothing)</source>
        <translation>A&amp;nnuler le chrono (rien n’est saisi)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Start &amp;timer here</source>
        <translation>Démarrer le &amp;chrono ici</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Stop timer</source>
        <translation>&amp;Arrêter le chrono</translation>
    </message>
</context>
<context>
    <name>TimeFormats</name>
    <message>
        <location filename="../../ui/time/formats.py" line="+10"/>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 of %2 (%3)</source>
        <translation>%1 sur %2 (%3)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>over budget</source>
        <translation>budget dépassé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>near the budget</source>
        <translation>proche du budget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>within budget</source>
        <translation>dans le budget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no daily rate: spent unknown</source>
        <translation>pas de tarif journalier&#xa0;: consommé inconnu</translation>
    </message>
</context>
<context>
    <name>TimeSection</name>
    <message>
        <location filename="../../ui/cockpit.py" line="-323"/>
        <source>Time this week</source>
        <extracomment>Where a budget of the cockpit&apos;s list leads: (campaign id, client id, month &quot;2026-11&quot;).</extracomment>
        <translation>Temps de la semaine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No time entered this week.</source>
        <translation>Aucun temps saisi cette semaine.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the timer and enter its time (Ctrl+Shift+T)</source>
        <translation>Arrêter le chrono et saisir son temps (Ctrl+Maj+T)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No timer runs.</source>
        <translation>Aucun chrono en cours.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 — %2 h · %3 days · %4</source>
        <translation>%1 — %2 h · %3 jours · %4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Week total: %1 (%2 h)</source>
        <translation>Total de la semaine&#xa0;: %1 (%2 h)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>No daily rate</source>
        <translation>Pas de tarif journalier</translation>
    </message>
</context>
<context>
    <name>TimerButton</name>
    <message>
        <location filename="../../ui/time/desk.py" line="-358"/>
        <source>The running timer: click to stop or switch it (Ctrl+Shift+T)</source>
        <translation>Le chrono en cours&#xa0;: cliquez pour l’arrêter ou le changer de campagne (Ctrl+Maj+T)</translation>
    </message>
</context>
<context>
    <name>WeekWindow</name>
    <message>
        <location filename="../../ui/time/week_window.py" line="+111"/>
        <location line="+230"/>
        <source>This week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous week (Page Up, Alt+Left)</source>
        <translation>Semaine précédente (Page préc., Alt+Gauche)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next week (Page Down, Alt+Right)</source>
        <translation>Semaine suivante (Page suiv., Alt+Droite)</translation>
    </message>
    <message>
        <location line="-224"/>
        <location line="+67"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Time spent</source>
        <extracomment>The columns of the per-client totals. The week shown by week and the month shown by month, both around one day, so that switching shows the period of the day the user was looking at.</extracomment>
        <translation>Temps passé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Week</source>
        <translation>S&amp;emaine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monday to Sunday, every day (Alt+W)</source>
        <translation>Du lundi au dimanche, jour par jour (Alt+E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Month</source>
        <translation>M&amp;ois</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The days worked in the month, each client&apos;s total and budget (Alt+M)</source>
        <translation>Les jours travaillés du mois, le total et le budget de chaque client (Alt+O)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+222"/>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>All clients</source>
        <translation>Tous les clients</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter time on the selected day (Ins)</source>
        <translation>Saisir du temps le jour sélectionné (Inser)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the selected entry (Enter)</source>
        <translation>Corriger la saisie sélectionnée (Entrée)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected entry (Del); Ctrl+Z brings it back</source>
        <translation>Supprimer la saisie sélectionnée (Suppr)&#x202f;; Ctrl+Z la rétablit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export &amp;statement…</source>
        <translation>Exporter le &amp;relevé…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client&apos;s activity of the month as PDF, CSV or Excel</source>
        <translation>L’activité du mois pour le client en PDF, CSV ou Excel</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Day / client</source>
        <translation>Jour / client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Month budget</source>
        <translation>Budget du mois</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Previous month (Page Up, Alt+Left)</source>
        <translation>Mois précédent (Page préc., Alt+Gauche)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next month (Page Down, Alt+Right)</source>
        <translation>Mois suivant (Page suiv., Alt+Droite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries of the month</source>
        <translation>Saisies du mois</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Entries of the week</source>
        <translation>Saisies de la semaine</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days</source>
        <translation>Jours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Week of %1 to %2</source>
        <translation>Semaine du %1 au %2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Month of January %1</source>
        <translation>Mois de janvier %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of February %1</source>
        <translation>Mois de février %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of March %1</source>
        <translation>Mois de mars %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of April %1</source>
        <translation>Mois d’avril %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of May %1</source>
        <translation>Mois de mai %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of June %1</source>
        <translation>Mois de juin %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of July %1</source>
        <translation>Mois de juillet %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of August %1</source>
        <translation>Mois d’août %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of September %1</source>
        <translation>Mois de septembre %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of October %1</source>
        <translation>Mois d’octobre %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of November %1</source>
        <translation>Mois de novembre %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month of December %1</source>
        <translation>Mois de décembre %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No time entered this month.</source>
        <translation>Aucun temps saisi ce mois-ci.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>today</source>
        <translation>aujourd’hui</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Week total: %1 (%2 h)</source>
        <translation>Total de la semaine&#xa0;: %1 (%2 h)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Month total: %1 (%2 h)</source>
        <translation>Total du mois&#xa0;: %1 (%2 h)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No daily rate for this client</source>
        <translation>Pas de tarif journalier pour ce client</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>— : no daily rate for %1 (set it in File › Clients…).</source>
        <translation>—&#xa0;: pas de tarif journalier pour %1 (à renseigner dans Fichier › Clients…).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No budget for this month</source>
        <translation>Pas de budget pour ce mois</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Entry corrected — Ctrl+Z to undo.</source>
        <translation>Saisie corrigée — Ctrl+Z pour annuler.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Entry deleted — Ctrl+Z brings it back.</source>
        <translation>Saisie supprimée — Ctrl+Z la rétablit.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/welcome.py" line="+41"/>
        <source>Welcome to crmdesk</source>
        <translation>Bienvenue dans crmdesk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This workspace is empty. Tell crmdesk who you are, then bring in your clients: everything stays in one file on this computer.</source>
        <translation>Cet espace de travail est vide. Dites à crmdesk qui vous êtes, puis faites entrer vos clients&#xa0;: tout reste dans un seul fichier, sur cet ordinateur.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1. Your profile</source>
        <translation>1. Votre profil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name signs decisions, ticks and sends; it heads your clients&apos; reports.</source>
        <translation>Votre nom signe les décisions, les cases cochées et les envois&#x202f;; il figure en tête des rapports de vos clients.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save my profile</source>
        <translation>&amp;Enregistrer mon profil</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>2. Bring in your work</source>
        <translation>2. Faites entrer votre travail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create my first client</source>
        <translation>Créer mon premier client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its colour, sender, pressure cap and deadlines, then segments and contacts.</source>
        <translation>Sa couleur, son expéditeur, sa pression max et ses échéances, puis ses segments et ses contacts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import my plan (CSV or Excel)</source>
        <translation>Importer mon plan (CSV ou Excel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The campaign plan you keep in a spreadsheet: clients and segments come too.</source>
        <translation>Le plan de campagnes que vous tenez dans un tableur&#xa0;: les clients et les segments suivent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the demo</source>
        <translation>Ouvrir la démo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A populated workspace to try everything, in another window.</source>
        <translation>Un espace de travail rempli pour tout essayer, dans une autre fenêtre.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Signed by %1. Change it in File › My profile….</source>
        <translation>Signé par %1. Modifiable dans Fichier › Mon profil….</translation>
    </message>
</context>
</TS>

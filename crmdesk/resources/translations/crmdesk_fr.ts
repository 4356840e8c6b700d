<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../../ui/calendar/agenda.py" line="+46"/>
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
    <message numerus="yes">
        <location line="+5"/>
        <source>%n overdue item(s)</source>
        <translation>
            <numerusform>%n tâche en retard</numerusform>
            <numerusform>%n tâches en retard</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BriefEditor</name>
    <message>
        <location filename="../../ui/brief/editor.py" line="+126"/>
        <source>restore version %1</source>
        <translation>la restauration de la version %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Brief — %1 (%2)</source>
        <translation>Brief — %1 (%2)</translation>
    </message>
    <message>
        <location line="+26"/>
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
        <location line="+41"/>
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
        <location line="+20"/>
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
        <location line="+145"/>
        <source>Nothing missing: the brief is complete.</source>
        <translation>Rien ne manque&#xa0;: le brief est complet.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Completeness (%1 %)</source>
        <translation>Complétude (%1&#x202f;%)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not saved yet…</source>
        <translation>Pas encore enregistré…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not saved</source>
        <translation>Non enregistré</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved at %1 (version %2)</source>
        <translation>Enregistré à %1 (version %2)</translation>
    </message>
    <message>
        <location line="+23"/>
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
        <location line="+81"/>
        <source>Import a client&apos;s mail or document</source>
        <translation>Importer un e-mail ou un document du client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mails and documents (*.txt *.md *.eml *.docx);;All files (*)</source>
        <translation>E-mails et documents (*.txt *.md *.eml *.docx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+26"/>
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
    <name>CalendarPage</name>
    <message>
        <location filename="../../ui/calendar/page.py" line="+99"/>
        <source>Displayed period</source>
        <extracomment>start, end, filters, with holidays, language: everything a period&apos;s content depends on.</extracomment>
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
        <location line="+11"/>
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
        <location line="+49"/>
        <source>Show all</source>
        <translation>Tout afficher</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Show or hide the campaigns of %1</source>
        <translation>Afficher ou masquer les campagnes de %1</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Week %1 · %2 – %3</source>
        <translation>Semaine %1 · %2 – %3</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
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
        <location filename="../../ui/dialogs/campaign_dialog.py" line="+72"/>
        <source>Edit campaign</source>
        <translation>Modifier la campagne</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New campaign</source>
        <translation>Nouvelle campagne</translation>
    </message>
    <message>
        <location line="+16"/>
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
        <location line="+1"/>
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
        <location line="+63"/>
        <source>— none —</source>
        <translation>— aucune —</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is a public holiday (%2): sends on holidays often perform worse.</source>
        <translation>Le %1 est un jour férié (%2)&#xa0;: les envois des jours fériés obtiennent souvent de moins bons résultats.</translation>
    </message>
</context>
<context>
    <name>CockpitPage</name>
    <message>
        <location filename="../../ui/cockpit.py" line="+83"/>
        <source>Sends today</source>
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
    <message numerus="yes">
        <location line="+62"/>
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
    <message numerus="yes">
        <location line="+35"/>
        <location line="+23"/>
        <source>(%n day(s) late)</source>
        <translation>
            <numerusform>(%n jour de retard)</numerusform>
            <numerusform>(%n jours de retard)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-15"/>
        <source>%1 sends to “%2” in 7 days (cap %3)</source>
        <translation>%1 envois au segment «&#xa0;%2&#xa0;» sur 7 jours (plafond&#xa0;: %3)</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n item(s) late</source>
        <translation>
            <numerusform>%n tâche en retard</numerusform>
            <numerusform>%n tâches en retard</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridView</name>
    <message>
        <location filename="../../ui/calendar/grid_view.py" line="+125"/>
        <source>Campaign calendar</source>
        <translation>Calendrier des campagnes</translation>
    </message>
    <message numerus="yes">
        <location line="+165"/>
        <source>+%n more</source>
        <translation>
            <numerusform>+%n autre</numerusform>
            <numerusform>+%n autres</numerusform>
        </translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Pressure: %1 sends to “%2” within 7 days (cap %3)</source>
        <translation>Pression marketing&#xa0;: %1 envois au segment «&#xa0;%2&#xa0;» sur 7 jours (plafond&#xa0;: %3)</translation>
    </message>
    <message>
        <location line="+7"/>
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
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="+26"/>
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
        <location line="+7"/>
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
        <location line="+18"/>
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
        <source>This file is not a crmdesk workspace (not a SQLite database).</source>
        <translation>Ce fichier n’est pas un espace de travail crmdesk (ce n’est pas une base SQLite).</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="-89"/>
        <source>The end is before the start.</source>
        <translation>La fin précède le début.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+54"/>
        <source>Cockpit</source>
        <translation>Cockpit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Workspace upgraded; the previous version was saved to %1</source>
        <translation>Espace de travail mis à jour&#x202f;; la version précédente a été sauvegardée dans %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New campaign…</source>
        <translation>&amp;Nouvelle campagne…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>&amp;Search…</source>
        <translation>R&amp;echercher…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About crmdesk</source>
        <translation>À &amp;propos de crmdesk</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>About crmdesk</source>
        <translation>À propos de crmdesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crmdesk %1 — the offline cockpit of the eCRM operator.</source>
        <translation>crmdesk %1 — le cockpit hors ligne de l’opérateur eCRM.</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Campaign deleted — Ctrl+Z to bring it back</source>
        <translation>Campagne supprimée — Ctrl+Z pour la récupérer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Moved to %1 — Ctrl+Z to undo</source>
        <translation>Campagne déplacée au %1 — Ctrl+Z pour annuler</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 is a public holiday (%2): check this send is intended.</source>
        <translation>Le %1 est un jour férié (%2)&#xa0;: vérifiez que cet envoi est bien voulu.</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/commands.py" line="+58"/>
        <source>create “%1”</source>
        <translation>la création de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>duplicate “%1”</source>
        <translation>la duplication de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>edit “%1”</source>
        <translation>la modification de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>move “%1”</source>
        <translation>le déplacement de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>delete “%1”</source>
        <translation>la suppression de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="+105"/>
        <source>crmdesk</source>
        <translation>crmdesk</translation>
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
</TS>

"""The command line's own words, English and French, in one place.

The CLI speaks the user's language: French when ``--lang fr`` (where a command has it) or, by
default, when the locale (LC_ALL, then LC_MESSAGES, then LANG) starts with "fr"; English
otherwise. A dictionary, as the reports' ``render.texts`` does, rather than Qt's catalogue:
``crmdesk check`` must start without loading Qt. Sentences are written in English inside
``_("...")`` with ``%(name)s`` blanks; French follows its typography (a no-break space before
":" and inside « », a narrow one before ";", "?", "!" and as the thousands separator). JSON
output never goes through here: its keys and values stay language-neutral.
"""

from __future__ import annotations

import os

#: No-break space (before ":" and inside « ») and narrow no-break space (before ; ? ! and
#: between thousands), as French typography wants them.
NBSP = "\u00a0"
NNBSP = "\u202f"


def _fr(text: str) -> str:
    """French typography applied to a sentence typed with plain spaces: « x », a : b, a ; b."""
    text = text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»").replace(" :", f"{NBSP}:")
    for mark in (";", "?", "!"):
        text = text.replace(f" {mark}", f"{NNBSP}{mark}")
    return text


#: English sentence → French. Every ``_()`` of crmdesk/cli.py has its entry (a test checks).
FRENCH: dict[str, str] = {
    key: _fr(value)
    for key, value in {
        # crmdesk demo, export-plan, the PDF exports
        # "1 campagne écrites" would not agree: the count goes after the colon.
        "Wrote %(count)s to %(path)s": "Écrit dans %(path)s : %(count)s",
        "Wrote %(path)s (%(size)s KB)": "%(path)s écrit (%(size)s Ko)",
        "export-plan: an .ics file holds one client's plan; give one --client.": (
            "export-plan : un fichier .ics contient le plan d’un seul client ; "
            "donnez un seul --client."
        ),
        # export-plan to PDF: the client's plan as a calendar (issue 20)
        "export-plan: give --month or --quarter, not both.": (
            "export-plan : donnez --month ou --quarter, pas les deux."
        ),
        "export-plan: --month and --quarter replace --from and --to; give only one.": (
            "export-plan : --month et --quarter remplacent --from et --to ; n’en donnez qu’un."
        ),
        "export-plan: a PDF plan is one client's; give one --client.": (
            "export-plan : un plan PDF est celui d’un seul client ; donnez un --client."
        ),
        "export-plan: a PDF plan is a month or a quarter; give --month or --quarter.": (
            "export-plan : un plan PDF couvre un mois ou un trimestre ; "
            "donnez --month ou --quarter."
        ),
        # end of export-plan to PDF
        # import-ics: calendar markers (issue 20)
        "%(file)s: %(added)s, %(updated)s, %(unchanged)s already there, %(skipped)s": (
            "%(file)s : %(added)s, %(updated)s, %(unchanged)s déjà là, %(skipped)s"
        ),
        # end of import-ics
        # crmdesk campaigns, client list, segment list, contact list: the column headers
        "ID": "ID",
        "Send": "Envoi",
        "Status": "Statut",
        "Type": "Type",
        "Client": "Client",
        "Campaign": "Campagne",
        "Colour": "Couleur",
        "Time zone": "Fuseau horaire",
        "Cap": "Pression max.",
        "Name": "Nom",
        "Size": "Taille",
        "Team": "Équipe",
        "E-mail": "E-mail",
        "Receives": "Reçoit",
        "(archived)": "(archivé)",
        "recaps": "bilans",
        "No active clients: add one with `crmdesk client add NAME` (--archived lists all).": (
            "Aucun client actif : ajoutez-en un avec `crmdesk client add NOM` "
            "(--archived les liste tous)."
        ),
        "No campaigns.": "Aucune campagne.",
        # crmdesk backup, restore
        "Backup written to %(path)s": "Sauvegarde écrite dans %(path)s",
        # migrate-to (issue 22)
        "Copied and checked: %(rows)s rows in %(tables)s tables into %(target)s (%(seconds)s s).": (
            "Copié et vérifié : %(rows)s lignes dans %(tables)s tables, vers %(target)s "
            "(%(seconds)s s)."
        ),
        # end of migrate-to
        "restore: standard input is not a terminal, so nobody can confirm; add "
        "--yes to replace the workspace. Nothing was changed.": (
            "restore : l’entrée standard n’est pas un terminal, personne ne peut confirmer ; "
            "ajoutez --yes pour remplacer l’espace de travail. Rien n’a été modifié."
        ),
        "Replace the workspace %(workspace)s with the backup %(backup)s (%(count)s)? "
        "The current state is backed up first. [y/N] ": (
            "Remplacer l’espace de travail %(workspace)s par la sauvegarde %(backup)s "
            "(%(count)s) ? L’état actuel est sauvegardé d’abord. [o/N] "
        ),
        "Restore cancelled; nothing was changed.": "Restauration annulée ; rien n’a été modifié.",
        "Restored %(backup)s": "%(backup)s restaurée",
        "The previous state of the workspace is kept in %(path)s": (
            "L’état précédent de l’espace de travail est conservé dans %(path)s"
        ),
        # crmdesk check
        "%(file)s: %(summary)s (%(size)s KB, %(charset)s)": (
            "%(file)s : %(summary)s (%(size)s Ko, %(charset)s)"
        ),
        "line %(line)s": "ligne %(line)s",
        "no findings": "aucun constat",
        "Recorded on campaign %(id)s: %(count)s": "Enregistré sur la campagne %(id)s : %(count)s",
        "CSS and HTML support data: %(source)s, updated %(day)s; licence %(licence)s: %(notice)s": (
            "Données de compatibilité CSS et HTML : %(source)s, mises à jour le %(day)s ; "
            "licence %(licence)s : %(notice)s"
        ),
        "check: name at least one email file (.html or .eml).": (
            "check : indiquez au moins un fichier d’e-mail (.html ou .eml)."
        ),
        "check: --db and --campaign go together.": "check : --db et --campaign vont ensemble.",
        "check: --record needs --db, --campaign and exactly one email.": (
            "check : --record demande --db, --campaign et un seul e-mail."
        ),
        # clients, segments, contacts
        "Client “%(name)s” added (%(colour)s, %(timezone)s)": (
            "Client « %(name)s » ajouté (%(colour)s, %(timezone)s)"
        ),
        "Client “%(name)s” saved": "Client « %(name)s » enregistré",
        "Client “%(name)s” archived": "Client « %(name)s » archivé",
        "Client “%(name)s” restored": "Client « %(name)s » restauré",
        "--daily-rate: “%(value)s” is not an amount.": (
            "--daily-rate : « %(value)s » n’est pas un montant."
        ),
        "Segment “%(segment)s” added to “%(client)s” (%(size)s)": (
            "Segment « %(segment)s » ajouté à « %(client)s » (%(size)s)"
        ),
        "Contact “%(name)s” added (%(role)s)": "Contact « %(name)s » ajouté (%(role)s)",
        "%(file)s: %(added)s added, %(unchanged)s already there": (
            "%(file)s : %(added)s, %(unchanged)s déjà là"
        ),
        # campaigns and the plan
        "--send: “%(value)s” is not a date and time (YYYY-MM-DD HH:MM).": (
            "--send : « %(value)s » n’est pas une date et une heure (AAAA-MM-JJ HH:MM)."
        ),
        "%(file)s: %(created)s imported, %(unchanged)s already there, %(clients)s, "
        "%(segments)s, %(skipped)s skipped": (
            "%(file)s : %(created)s, %(unchanged)s déjà là, %(clients)s, %(segments)s, "
            "%(skipped)s ignorées"
        ),
        "%(file)s: %(created)s would be imported, %(unchanged)s already there, %(clients)s, "
        "%(segments)s, %(skipped)s skipped": (
            "%(file)s : %(created)s à importer, %(unchanged)s déjà là, %(clients)s, "
            "%(segments)s, %(skipped)s ignorées"
        ),
        # profile
        "No profile yet: set yours with `crmdesk profile --name N --email E`.": (
            "Pas encore de profil : renseignez le vôtre avec `crmdesk profile --name N --email E`."
        ),
        "Saved: %(profile)s": "Enregistré : %(profile)s",
        # SMTP
        "Password of %(user)s: ": "Mot de passe de %(user)s : ",
        "smtp add: the password (first line of standard input) is empty.": (
            "smtp add : le mot de passe (première ligne de l’entrée standard) est vide."
        ),
        "smtp add: --user needs --password-stdin: the password is read from standard input, "
        "never from the command line.": (
            "smtp add : --user demande --password-stdin : le mot de passe se lit sur l’entrée "
            "standard, jamais sur la ligne de commande."
        ),
        "SMTP account “%(name)s” saved: %(where)s (%(security)s)": (
            "Compte SMTP « %(name)s » enregistré : %(where)s (%(security)s)"
        ),
        ", user %(user)s, password in the system keyring": (
            ", utilisateur %(user)s, mot de passe dans le trousseau du système"
        ),
        # BAT
        "BAT %(number)s imported for “%(campaign)s”: %(summary)s": (
            "BAT %(number)s importé pour « %(campaign)s » : %(summary)s"
        ),
        "BAT %(number)s of “%(campaign)s” sent to %(to)s via %(account)s (%(where)s), "
        "%(persona)s": (
            "BAT %(number)s de « %(campaign)s » envoyé à %(to)s via %(account)s (%(where)s), "
            "%(persona)s"
        ),
        "persona %(name)s": "persona %(name)s",
        "the sample persona": "le persona d’exemple",
        # import-stats
        "%(file)s was already imported into this campaign: nothing changed.": (
            "%(file)s a déjà été importé dans cette campagne : rien n’a changé."
        ),
        "%(file)s (%(layout)s): %(rows)s read, figures of %(day)s saved%(variants)s": (
            "%(file)s (%(layout)s) : %(rows)s lues, chiffres du %(day)s enregistrés%(variants)s"
        ),
        ", variants %(variants)s": ", variantes %(variants)s",
        "The file is about the campaign “%(file)s”, this campaign is “%(campaign)s”.": (
            "Le fichier porte sur la campagne « %(file)s », cette campagne est « %(campaign)s »."
        ),
        "The file's subject is “%(file)s”, this campaign's is “%(campaign)s”.": (
            "L’objet du fichier est « %(file)s », celui de cette campagne « %(campaign)s »."
        ),
        "The file's send date is %(file)s, this campaign was sent on %(campaign)s.": (
            "Le fichier date l’envoi du %(file)s, cette campagne est partie le %(campaign)s."
        ),
        "The file has opens or clicks from %(file)s, before this campaign's send (%(campaign)s).": (
            "Le fichier contient des ouvertures ou des clics dès le %(file)s, avant l’envoi de "
            "cette campagne (%(campaign)s)."
        ),
        "The file has opens or clicks until %(file)s, more than 60 days after this "
        "campaign's send (%(campaign)s).": (
            "Le fichier contient des ouvertures ou des clics jusqu’au %(file)s, plus de 60 jours "
            "après l’envoi de cette campagne (%(campaign)s)."
        ),
        "Figures are already recorded for %(file)s (%(campaign)s): they would be replaced.": (
            "Des chiffres sont déjà enregistrés pour le %(file)s (%(campaign)s) : ils seraient "
            "remplacés."
        ),
        "typed in": "saisis à la main",
        "Nothing was written; run again with --force to import this file anyway.": (
            "Rien n’a été écrit ; relancez avec --force pour importer ce fichier quand même."
        ),
        # crmdesk stats
        "%(campaign)s (%(client)s), sent %(when)s": (
            "%(campaign)s (%(client)s), envoyée le %(when)s"
        ),
        "No figures yet: import an ESP export or type the D+5 figures.": (
            "Pas encore de chiffres : importez un export de l’ESP ou saisissez les chiffres à J+5."
        ),
        "Figures at D+%(day)s": "Chiffres à J+%(day)s",
        "KPI": "KPI",
        "value": "valeur",
        "target": "objectif",
        "client avg": "moy. client",
        "(client average: %(count)s sent in the 12 months before this one)": (
            "(moyenne du client : %(count)s envoyées dans les 12 mois précédents)"
        ),
        "(▲ better / ▼ worse than the target, else the client average; unmarked: none or level)": (
            "(▲ mieux / ▼ moins bien que l’objectif, à défaut que la moyenne du client ; "
            "sans marque : ni l’un ni l’autre, ou à égalité)"
        ),
        "▲ better": "▲ mieux",
        "▼ worse": "▼ moins bien",
        "Opens look inflated by privacy proxies (Apple Mail Privacy Protection): "
        "judge on clicks.": (
            "Ouvertures vraisemblablement gonflées par les proxys de confidentialité (Apple Mail "
            "Privacy Protection) : jugez sur les clics."
        ),
        "A/B test on %(metric)s at %(confidence)s %% confidence:": (
            "Test A/B sur les %(metric)s, confiance de %(confidence)s %% :"
        ),
        "(control)": "(témoin)",
        "delivered": "délivrés",
        "Winner: %(variant)s (chosen by %(who)s: %(reason)s)": (
            "Gagnante : %(variant)s (choisie par %(who)s : %(reason)s)"
        ),
        "hand": "l’opérateur",
        "Winner: %(variant)s (significant at %(confidence)s %%)": (
            "Gagnante : %(variant)s (significative à %(confidence)s %%)"
        ),
        "No winner: no difference is significant at %(confidence)s %%": (
            "Pas de gagnante : aucune différence n’est significative à %(confidence)s %%"
        ),
        "Recipients per variant to detect this lift: %(count)s": (
            "Destinataires par variante pour détecter cet écart : %(count)s"
        ),
        "clicks": "clics",
        "opens": "ouvertures",
        "conversions": "conversions",
        # the KPIs
        "Delivery rate": "Taux de délivrabilité",
        "Unique open rate": "Taux d’ouverture unique",
        "Click rate": "Taux de clic",
        "Click-to-open rate": "Taux de réactivité",
        "Unsubscribe rate": "Taux de désinscription",
        "Hard bounce rate": "Taux de hard bounce",
        "Soft bounce rate": "Taux de soft bounce",
        "Complaint rate": "Taux de plainte",
        "Conversion rate": "Taux de conversion",
        "Revenue per delivered email": "CA par e-mail délivré",
        # crmdesk checklist, crmdesk pressure
        "Checklist: %(closed)s of %(total)s closed, %(overdue)s overdue": (
            "Checklist : %(closed)s sur %(total)s traités, %(overdue)s en retard"
        ),
        "overdue": "en retard",
        "Strategy": "Stratégie",
        "Production": "Production",
        "BAT": "BAT",
        "Analysis": "Analyse",
        "No segment goes over its cap between %(start)s and %(end)s.": (
            "Aucun segment ne dépasse son plafond entre le %(start)s et le %(end)s."
        ),
        "%(client)s — “%(segment)s”: %(sends)s sends in the week of %(week)s "
        "(cap %(cap)s a week)": (
            "%(client)s — « %(segment)s » : %(sends)s envois la semaine du %(week)s "
            "(plafond de %(cap)s par semaine)"
        ),
        # statuses, types, severities, teams
        "draft": "brouillon",
        "brief": "brief",
        "production": "production",
        "bat": "BAT",
        "approved": "validée",
        "scheduled": "programmée",
        "sent": "envoyée",
        "analysed": "analysée",
        "closed": "close",
        "newsletter": "newsletter",
        "promo": "promo",
        "relance": "relance",
        "erratum": "erratum",
        "automation": "automation",
        "error": "erreur",
        "warning": "alerte",
        "info": "info",
        "marketing": "marketing",
        "crm": "CRM",
        "data": "data",
        "client": "client",
        # unexpected errors
        "unexpected error (%(what)s); details in %(log)s": (
            "erreur inattendue (%(what)s) ; détails dans %(log)s"
        ),
        # crmdesk time (issue 20): time spent, the timer, the invoicing export
        "--to needs --from.": "--to demande --from.",
        "--from needs --to.": "--from demande --to.",
        "A timer already runs on “%(campaign)s” (%(client)s) since %(since)s: stop it first "
        "with `crmdesk time stop`. Nothing was changed.": (
            "Un chronomètre tourne déjà sur « %(campaign)s » (%(client)s) depuis le %(since)s : "
            "arrêtez-le d’abord avec `crmdesk time stop`. Rien n’a été modifié."
        ),
        "Timer started on “%(campaign)s” (%(client)s) at %(since)s": (
            "Chronomètre lancé sur « %(campaign)s » (%(client)s) le %(since)s"
        ),
        "The timer on “%(campaign)s” (%(client)s) has run for %(duration)s since %(since)s, "
        "over midnight: it was not billed. Run `crmdesk time stop --minutes N` with the time "
        "really worked (recorded on %(day)s), or `crmdesk time stop --discard`. Nothing was "
        "written.": (
            "Le chronomètre de « %(campaign)s » (%(client)s) tourne depuis %(duration)s (depuis "
            "le %(since)s) et a passé minuit : rien n’a été facturé. Lancez `crmdesk time stop "
            "--minutes N` avec le temps réellement travaillé (enregistré le %(day)s), ou "
            "`crmdesk time stop --discard`. Rien n’a été écrit."
        ),
        "The timer on “%(campaign)s” (%(client)s) has run for %(duration)s since %(since)s, "
        "more than 10 hours: it was not billed. Run `crmdesk time stop --minutes N` with the "
        "time really worked (recorded on %(day)s), or `crmdesk time stop --discard`. Nothing "
        "was written.": (
            "Le chronomètre de « %(campaign)s » (%(client)s) tourne depuis %(duration)s (depuis "
            "le %(since)s), plus de 10 heures : rien n’a été facturé. Lancez `crmdesk time stop "
            "--minutes N` avec le temps réellement travaillé (enregistré le %(day)s), ou "
            "`crmdesk time stop --discard`. Rien n’a été écrit."
        ),
        "Timer stopped; no time recorded.": "Chronomètre arrêté ; aucun temps enregistré.",
        "Timer stopped; entry %(id)s recorded.": (
            "Chronomètre arrêté ; saisie %(id)s enregistrée."
        ),
        "%(days)s d %(hours)s h %(minutes)s min": "%(days)s j %(hours)s h %(minutes)s min",
        "%(hours)s h %(minutes)s min": "%(hours)s h %(minutes)s min",
        "%(minutes)s min": "%(minutes)s min",
        "From %(start)s to %(end)s": "Du %(start)s au %(end)s",
        "No time recorded.": "Aucun temps enregistré.",
        "Total %(client)s: %(hours)s h, %(days)s d%(amount)s": (
            "Total %(client)s : %(hours)s h, %(days)s j%(amount)s"
        ),
        "Timer running on “%(campaign)s” (%(client)s) since %(since)s": (
            "Chronomètre en cours sur « %(campaign)s » (%(client)s) depuis le %(since)s"
        ),
        "%(file)s: give --format csv, xlsx or pdf, or a file ending in .csv, .xlsx or .pdf.": (
            "%(file)s : donnez --format csv, xlsx ou pdf, ou un fichier en .csv, .xlsx ou .pdf."
        ),
        "%(file)s: --format %(format)s writes a .%(format)s file; name it so.": (
            "%(file)s : --format %(format)s écrit un fichier .%(format)s ; nommez-le ainsi."
        ),
        # crmdesk budget, time edit/delete/hours-per-day, crmdesk markers (issue 20)
        "No time entry with id %(id)s (ids: `crmdesk time list`).": (
            "Aucune saisie de temps n’a l’id %(id)s (les ids : `crmdesk time list`)."
        ),
        "no campaign": "sans campagne",
        "%(day)s, %(hours)s h (%(minutes)s min), %(details)s": (
            "%(day)s, %(hours)s h (%(minutes)s min), %(details)s"
        ),
        "time edit: say what to change (--minutes, --on, --campaign, --client, --phase, "
        "--no-phase, --note); nothing was changed.": (
            "time edit : dites quoi changer (--minutes, --on, --campaign, --client, --phase, "
            "--no-phase, --note) ; rien n’a été modifié."
        ),
        "Entry %(id)s saved: %(entry)s": "Saisie %(id)s enregistrée : %(entry)s",
        "Entry %(id)s deleted: %(entry)s": "Saisie %(id)s supprimée : %(entry)s",
        "Hours per day: %(hours)s": "Heures par jour : %(hours)s",
        "Hours per day: %(hours)s (was %(previous)s)": (
            "Heures par jour : %(hours)s (auparavant %(previous)s)"
        ),
        "“%(value)s” hours a day: give a number of hours between 1 and 24; nothing was changed.": (
            "« %(value)s » heures par jour : donnez un nombre d’heures entre 1 et 24 ; rien n’a "
            "été modifié."
        ),
        "--month goes with --client: a campaign's budget is the campaign's, whatever the month.": (
            "--month va avec --client : le budget d’une campagne est celui de la campagne, "
            "quel que soit le mois."
        ),
        "No campaign with id %(id)s (ids: `crmdesk campaigns`).": (
            "Aucune campagne n’a l’id %(id)s (les ids : `crmdesk campaigns`)."
        ),
        "--client needs --month YYYY-MM: a client's budget is a month's.": (
            "--client demande --month AAAA-MM : le budget d’un client est celui d’un mois."
        ),
        "--month: “%(value)s” is not a month: write 2026-11.": (
            "--month : « %(value)s » n’est pas un mois : écrivez 2026-11."
        ),
        "%(days)s d": "%(days)s j",
        "%(client)s — “%(campaign)s” (campaign %(id)s)": (
            "%(client)s — « %(campaign)s » (campagne %(id)s)"
        ),
        "over budget": "budget dépassé",
        "near the budget": "proche du budget",
        "no daily rate: spent unknown": "pas de tarif journalier : consommé inconnu",
        "within budget": "dans le budget",
        "%(what)s: %(spent)s of %(amount)s (%(percent)s), %(level)s": (
            "%(what)s : %(spent)s sur %(amount)s (%(percent)s), %(level)s"
        ),
        "%(percent)s %%": f"%(percent)s{NBSP}%%",
        "%(option)s: “%(value)s” is not an amount above zero; nothing was changed.": (
            "%(option)s : « %(value)s » n’est pas un montant supérieur à zéro ; rien n’a été "
            "modifié."
        ),
        "%(option)s: “%(value)s” is too large for a budget; nothing was changed.": (
            "%(option)s : « %(value)s » est trop grand pour un budget ; rien n’a été modifié."
        ),
        "Budget set: %(budget)s": "Budget fixé : %(budget)s",
        "Budget set (it was %(previous)s): %(budget)s": (
            "Budget fixé (il était de %(previous)s) : %(budget)s"
        ),
        "No budget to clear; nothing was changed.": (
            "Aucun budget à supprimer ; rien n’a été modifié."
        ),
        "Budget cleared: %(what)s (it was %(amount)s)": (
            "Budget supprimé : %(what)s (il était de %(amount)s)"
        ),
        "No budgets: give one with `crmdesk budget set`.": (
            "Aucun budget : fixez-en un avec `crmdesk budget set`."
        ),
        "blackout": "date bloquée",
        "repeats": "répétée",
        "all clients": "tous les clients",
        "No calendar markers: import an .ics with `crmdesk import-ics FILE.ics`.": (
            "Aucun repère du calendrier : importez un .ics avec `crmdesk import-ics FICHIER.ics`."
        ),
        "No calendar marker with id %(ids)s (ids: `crmdesk markers list`); nothing was deleted.": (
            "Aucun repère du calendrier n’a l’id %(ids)s (les ids : `crmdesk markers list`) ; "
            "rien n’a été supprimé."
        ),
        "No calendar marker with id %(ids)s (ids: `crmdesk markers list`); nothing was changed.": (
            "Aucun repère du calendrier n’a l’id %(ids)s (les ids : `crmdesk markers list`) ; "
            "rien n’a été modifié."
        ),
        "Marker %(id)s “%(summary)s” is a blackout date: sends on its days are warned.": (
            "Le repère %(id)s « %(summary)s » est une date bloquée : les envois ces jours-là "
            "sont signalés."
        ),
        "Marker %(id)s “%(summary)s” is no longer a blackout date: sends are not warned.": (
            "Le repère %(id)s « %(summary)s » n’est plus une date bloquée : les envois ne sont "
            "plus signalés."
        ),
        # end of crmdesk budget, time edit/delete/hours-per-day, crmdesk markers
        # crmdesk campaign show/edit: safe edits by several people (issue 22)
        "Subject": "Objet",
        "someone": "quelqu’un",
        "Version %(version)s, last changed by %(who)s at %(when)s": (
            "Version %(version)s, modifiée en dernier par %(who)s le %(when)s"
        ),
        "Campaign %(id)s saved (version %(version)s)": (
            "Campagne %(id)s enregistrée (version %(version)s)"
        ),
        "Campaign %(id)s was changed by %(who)s at %(when)s since version %(expected)s "
        "(now version %(version)s); nothing was saved: run `crmdesk campaign show "
        "%(id)s` and edit it again.": (
            "La campagne %(id)s a été modifiée par %(who)s le %(when)s depuis la version "
            "%(expected)s (version %(version)s désormais) ; rien n’a été enregistré : lancez "
            "`crmdesk campaign show %(id)s` et refaites la modification."
        ),
        # end of crmdesk campaign show/edit
        # crmdesk server-password (issue 22)
        "The password of %(key)s was removed from the keyring.": (
            "Le mot de passe de %(key)s a été retiré du trousseau."
        ),
        "The keyring held no password for %(key)s.": (
            "Le trousseau ne gardait aucun mot de passe pour %(key)s."
        ),
        "Password of %(key)s: ": "Mot de passe de %(key)s : ",
        "server-password: standard input is not a terminal; add --stdin to read the "
        "password from its first line. Nothing was stored.": (
            "server-password : l’entrée standard n’est pas un terminal ; ajoutez --stdin pour "
            "lire le mot de passe sur sa première ligne. Rien n’a été enregistré."
        ),
        "server-password: the password is empty. Nothing was stored.": (
            "server-password : le mot de passe est vide. Rien n’a été enregistré."
        ),
        "The password of %(key)s is kept in the system keyring (service %(service)s).": (
            "Le mot de passe de %(key)s est gardé dans le trousseau du système "
            "(service %(service)s)."
        ),
        # end of crmdesk server-password
    }.items()
}

#: Counted words: key → (English singular, English plural, French singular, French plural).
#: French takes the singular for 0 and 1 ("0 erreur", "1 erreur", "2 erreurs").
COUNTED: dict[str, tuple[str, str, str, str]] = {
    "campaign": ("campaign", "campaigns", "campagne", "campagnes"),
    "campaign imported": ("campaign", "campaigns", "campagne importée", "campagnes importées"),
    "marker added": ("marker added", "markers added", "repère ajouté", "repères ajoutés"),
    "marker updated": (
        "marker updated",
        "markers updated",
        "repère mis à jour",
        "repères mis à jour",
    ),
    "event skipped": ("event skipped", "events skipped", "événement ignoré", "événements ignorés"),
    "marker deleted": (
        "marker deleted",
        "markers deleted",
        "repère supprimé",
        "repères supprimés",
    ),
    "error": ("error", "errors", "erreur", "erreurs"),
    "warning": ("warning", "warnings", "avertissement", "avertissements"),
    "info": ("info", "info", "info", "infos"),
    "contact": ("contact", "contacts", "contact", "contacts"),
    "contact added": ("contact", "contacts", "contact ajouté", "contacts ajoutés"),
    "row": ("row", "rows", "ligne", "lignes"),
    "new client": ("new client", "new clients", "nouveau client", "nouveaux clients"),
    "new segment": ("new segment", "new segments", "nouveau segment", "nouveaux segments"),
    "empty or total row": (
        "empty or total row",
        "empty or total rows",
        "ligne vide ou de total",
        "lignes vides ou de total",
    ),
    "checklist item": (
        "checklist item",
        "checklist items",
        "point de checklist",
        "points de checklist",
    ),
    "time entry": ("time entry", "time entries", "saisie de temps", "saisies de temps"),
}


def language_of(choice: str | None = None) -> str:
    """``choice`` ("fr" or "en", from ``--lang``) if given, else the locale's: French when
    LC_ALL, LC_MESSAGES or LANG (the first one set, as POSIX reads them) starts with "fr"."""
    if choice:
        return "fr" if choice.startswith("fr") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "fr" if value.startswith("fr") else "en"
    return "en"


class Texts:
    """The CLI's words in one language: ``_()`` for sentences, ``count()`` for "9 errors"."""

    def __init__(self, language: str) -> None:
        self.language = "fr" if language.startswith("fr") else "en"
        self._table = FRENCH if self.language == "fr" else {}

    def _(self, text: str, /, **values: object) -> str:
        found = self._table.get(text, text)
        return found % values if values else found

    def number(self, value: int) -> str:
        """12,480 in English, 12 480 (narrow no-break space) in French."""
        shown = f"{value:,}"
        return shown.replace(",", NNBSP) if self.language == "fr" else shown

    def count(self, value: int, key: str, *, grouped: bool = False) -> str:
        """``value`` and the word ``key`` agreeing with it: "1 error", "9 erreurs". English
        numbers stay ungrouped unless ``grouped`` (as scripts have read them so far)."""
        one, many, un, plusieurs = COUNTED[key]
        if self.language == "fr":
            return f"{self.number(value)} {un if abs(value) <= 1 else plusieurs}"
        shown = self.number(value) if grouped else str(value)
        return f"{shown} {one if value == 1 else many}"

    def day(self, iso: str) -> str:
        """An ISO day ("2026-12-08", optionally with " HH:MM") as the reader writes it:
        unchanged in English, "08/12/2026" (and "à 09:30") in French."""
        if self.language != "fr" or len(iso) < 10 or iso[4] != "-" or iso[7] != "-":
            return iso
        shown = f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"
        rest = iso[10:].strip().lstrip("T")
        return f"{shown} à {rest}" if rest else shown

    def value(self, value: str) -> str:
        """A status, type, severity or team value as the user reads it ("sent" → "envoyée")."""
        return self._table.get(value, value)

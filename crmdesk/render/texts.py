"""The reports' own words in French: the templates write them in English inside ``_("...")``.

A dictionary rather than Qt's catalogue: Qt's lupdate reads Python, not Jinja templates, and a
user's template can use ``_()`` with any sentence (untranslated ones print as written).
"""

from __future__ import annotations

from collections.abc import Callable

#: Narrow no-break space, which French sets before : ; ? ! % € and inside « ».
_NNBSP = "\u202f"

FRENCH: dict[str, str] = {
    # base.html and _macros.html
    "Page": "Page",
    "Prepared by": "Préparé par",
    "Generated on %(day)s": "Document généré le %(day)s",
    "Q%(number)s %(year)s": "T%(number)s %(year)s",
    "%(day)s, %(time)s": "%(day)s à %(time)s",
    "From %(start)s to %(end)s": "Du %(start)s au %(end)s",
    "Until %(end)s": "Jusqu’au %(end)s",
    "From %(start)s": "À partir du %(start)s",
    ": ": f"{_NNBSP}: ",
    "“%(text)s”": f"«{_NNBSP}%(text)s{_NNBSP}»",
    # The covers
    "Campaign recap": "Bilan de campagne",
    "Quarterly review": "Bilan trimestriel",
    "Campaign brief": "Brief de campagne",
    "Brief": "Brief",
    "Client": "Client",
    "Send": "Envoi",
    "Planned send": "Envoi prévu",
    "Segments": "Segments",
    "Volume": "Volume",
    "via %(esp)s": "via %(esp)s",
    "Subject line": "Objet",
    "Version %(number)s": "Version %(number)s",
    "saved on %(moment)s": "enregistrée le %(moment)s",
    "Blank brief, to fill in": "Brief vierge, à compléter",
    # Figures
    "Key figures": "Chiffres clés",
    "at D+%(day)s": "à J+%(day)s",
    "No figures recorded yet.": "Aucun chiffre enregistré pour l’instant.",
    "The KPIs appear here once the D+5 figures are imported or typed in.": (
        "Les KPI apparaîtront ici dès que les chiffres à J+5 auront été importés ou saisis."
    ),
    "Target": "Objectif",
    "Average": "Moyenne",
    "Delivered": "Délivrés",
    "Unique opens": "Ouvreurs uniques",
    "Unique clicks": "Cliqueurs uniques",
    "Conversions": "Conversions",
    "Revenue": "Chiffre d’affaires",
    "not given": "non renseigné",
    "Opens look inflated by privacy proxies (Apple Mail Privacy Protection): judge this "
    "campaign on its clicks.": (
        "Ouvertures vraisemblablement gonflées par les proxys de confidentialité (Apple Mail "
        f"Privacy Protection){_NNBSP}: cette campagne se juge sur ses clics."
    ),
    "KPIs against targets and the client’s average": (
        "Les KPI face aux objectifs et à la moyenne du client"
    ),
    "KPI": "KPI",
    "This campaign": "Cette campagne",
    "vs target": "Écart objectif",
    "Client average (12 months)": "Moyenne client (12 mois)",
    "vs average": "Écart moyenne",
    "Client average: the mean of the %(n)s campaign sent in the 12 months before this one.": (
        f"Moyenne client{_NNBSP}: calculée sur %(n)s campagne envoyée dans les 12 mois "
        "précédant celle-ci."
    ),
    "Client average: the mean of the %(n)s campaigns sent in the 12 months before this one.": (
        f"Moyenne client{_NNBSP}: calculée sur les %(n)s campagnes envoyées dans les 12 mois "
        "précédant celle-ci."
    ),
    "No earlier campaign of the client to compare with.": (
        "Pas de campagne antérieure du client à laquelle se comparer."
    ),
    "The campaign in charts": "La campagne en graphiques",
    "From sent to converted": "De l’envoi à la conversion",
    "Deliverability by mailbox provider": "Délivrabilité par webmail et FAI",
    "Opens and clicks hour by hour": "Ouvertures et clics heure par heure",
    # Decisions and next steps
    "D+5 decisions": "Décisions à J+5",
    "No decision written yet.": "Aucune décision rédigée pour l’instant.",
    "Next steps": "Prochaines étapes",
    "No campaign planned yet.": "Aucune campagne planifiée pour l’instant.",
    # The brief
    "The brief in short": "Rappel du brief",
    "No brief was recorded for this campaign.": (
        "Aucun brief n’a été enregistré pour cette campagne."
    ),
    "Not specified": "Non précisé",
    "Objective": "Objectif",
    "Target audience": "Cible",
    "Offer": "Offre",
    "No offer": "Pas d’offre",
    "KPI targets": "Objectifs chiffrés",
    "No target set": "Aucun objectif fixé",
    "Context and objectives": "Contexte et objectifs",
    "Context": "Contexte",
    "Primary objective": "Objectif principal",
    "Secondary objectives": "Objectifs secondaires",
    "Conditions": "Conditions",
    "Validity": "Validité",
    "Promo code": "Code promo",
    "None": "Aucun",
    "Message": "Message",
    "Key message": "Message clé",
    "Subject-line ideas": "Pistes d’objet",
    "Preheader": "Pré-header",
    "Tone": "Ton",
    "Calls to action": "Boutons d’action (CTA)",
    "no link yet": "lien à fournir",
    "Mandatory mentions": "Mentions obligatoires",
    "Assets and deadlines": "Éléments et échéances",
    "Asset": "Élément",
    "Link": "Lien",
    "Due": "Échéance",
    "No asset listed yet.": "Aucun élément listé pour l’instant.",
    "Assets due": "Remise des éléments",
    "BAT due": "BAT attendu",
    "Notes": "Notes",
    "To confirm": "Bon pour accord",
    "Please check this brief, note any change in the margin, then sign and return it: "
    "production starts from the confirmed brief.": (
        "Merci de relire ce brief, d’y annoter les modifications éventuelles, puis de nous le "
        f"retourner signé{_NNBSP}: la production démarre sur la base du brief validé."
    ),
    "Approved as is": "Validé en l’état",
    "Approved with the changes noted": "Validé sous réserve des modifications indiquées",
    "Name": "Nom",
    "Date": "Date",
    "Signature": "Signature",
    # Checklist
    "Checklist": "Check-list",
    "No checklist for this campaign.": "Pas de check-list pour cette campagne.",
    "%(n)s item done": "%(n)s point fait",
    "%(n)s items done": "%(n)s points faits",
    "%(n)s item failed": "%(n)s point en échec",
    "%(n)s items failed": "%(n)s points en échec",
    "%(n)s item to do": "%(n)s point à faire",
    "%(n)s items to do": "%(n)s points à faire",
    "%(n)s item not applicable": "%(n)s point sans objet",
    "%(n)s items not applicable": "%(n)s points sans objet",
    "Open item": "Point restant",
    "State": "État",
    "Every item of the checklist was ticked off.": (
        "Tous les points de la check-list ont été validés."
    ),
    # The quality summary (the checklist as the client reads it)
    "Quality checks": "Contrôle qualité",
    "%(closed)s of %(total)s points settled": "%(closed)s points traités sur %(total)s",
    "No quality checklist was kept for this campaign.": (
        "Aucune check-list qualité n’a été tenue pour cette campagne."
    ),
    "%(n)s not applicable": "%(n)s sans objet",
    "%(n)s BAT round": "%(n)s tour de BAT",
    "%(n)s BAT rounds": "%(n)s tours de BAT",
    "approved by %(who)s on %(day)s": "validé par %(who)s le %(day)s",
    "approved on %(day)s": "validé le %(day)s",
    "automatic checks of the last round": "contrôles automatiques du dernier BAT",
    "automatic checks of the last round passed": (
        "contrôles automatiques du dernier BAT sans anomalie"
    ),
    "auto": "auto",
    "verified by the automatic checks of the email’s HTML": (
        "vérifié par les contrôles automatiques du HTML de l’email"
    ),
    "Reserve": "Réserve",
    "Nothing recorded for this phase.": "Rien d’enregistré pour cette phase.",
    # Planning and BAT
    "Planning": "Planning",
    "planned": "prévu",
    "BAT history": "Historique des BAT",
    "No BAT round was recorded for this campaign.": (
        "Aucun BAT n’a été enregistré pour cette campagne."
    ),
    "Sent for review on %(moment)s by %(who)s": "Soumis le %(moment)s par %(who)s",
    "Decided on %(moment)s by %(who)s": "Décision le %(moment)s par %(who)s",
    "Sent for review on %(moment)s": "Soumis le %(moment)s",
    "Decided on %(moment)s": "Décision le %(moment)s",
    "Automatic checks": "Contrôles automatiques",
    "Automatic checks passed": "Contrôles automatiques sans anomalie",
    "%(n)s error": "%(n)s erreur",
    "%(n)s errors": "%(n)s erreurs",
    "%(n)s warning": "%(n)s avertissement",
    "%(n)s warnings": "%(n)s avertissements",
    "on %(target)s": "sur %(target)s",
    "Final decision": "Décision finale",
    "%(who)s, %(moment)s": "%(who)s, le %(moment)s",
    # A/B test
    "A/B test": "Test A/B",
    "Variant": "Variante",
    "Rate": "Taux",
    "p-value": "p-value",
    "p-value vs %(variant)s": "p-value vs %(variant)s",
    "Winner": "Gagnante",
    "Verdict": "Verdict",
    "Winner chosen by hand: %(variant)s.": f"Gagnante choisie manuellement{_NNBSP}: %(variant)s.",
    "By %(who)s": "Par %(who)s",
    "Variant %(variant)s wins on %(metric)s, significant at %(confidence)s (p = %(p)s).": (
        "La variante %(variant)s l’emporte sur les %(metric)s, résultat significatif à "
        "%(confidence)s (p = %(p)s)."
    ),
    "No significant difference at %(confidence)s (p = %(p)s).": (
        "Pas de différence significative à %(confidence)s (p = %(p)s)."
    ),
    "About %(n)s recipients per variant would be needed to tell them apart.": (
        "Il faudrait environ %(n)s destinataires par variante pour les départager."
    ),
    # Quarterly review
    "Campaigns": "Campagnes",
    "%(n)s with figures": "dont %(n)s avec chiffres",
    "Emails delivered": "Emails délivrés",
    "The quarter in figures": "Le trimestre en chiffres",
    "vs %(quarter)s": "vs %(quarter)s",
    "The quarter’s KPIs appear here once the campaigns’ D+5 figures are imported or typed in.": (
        "Les KPI du trimestre apparaîtront ici dès que les chiffres à J+5 des campagnes auront "
        "été importés ou saisis."
    ),
    "The quarter’s rates are pooled: every campaign’s figures added up, so the larger sends "
    "weigh more.": (
        f"Taux consolidés sur le trimestre{_NNBSP}: les chiffres de toutes les campagnes sont "
        "additionnés, les plus gros envois pèsent donc davantage."
    ),
    "No figures for the quarter before, so nothing to compare with.": (
        f"Pas de chiffres pour le trimestre précédent{_NNBSP}: aucune comparaison possible."
    ),
    "Top 3": "Top 3",
    "Flop 3": "Flop 3",
    "Not enough campaigns with figures to rank.": (
        "Pas assez de campagnes chiffrées pour établir un classement."
    ),
    "Trends": "Tendances",
    "Opens of %(n)s campaign look inflated by privacy proxies (Apple Mail Privacy Protection): "
    "judge it on its clicks.": (
        "Les ouvertures de %(n)s campagne semblent gonflées par les proxys de confidentialité "
        f"(Apple Mail Privacy Protection){_NNBSP}: elle se juge sur ses clics."
    ),
    "Opens of %(n)s campaigns look inflated by privacy proxies (Apple Mail Privacy Protection): "
    "judge them on their clicks.": (
        "Les ouvertures de %(n)s campagnes semblent gonflées par les proxys de confidentialité "
        f"(Apple Mail Privacy Protection){_NNBSP}: elles se jugent sur leurs clics."
    ),
    "Marketing pressure per segment": "Pression marketing par segment",
    "Segment": "Segment",
    "Sends in the quarter": "Envois du trimestre",
    "Busiest week": "Semaine la plus chargée",
    "Weeks over the cap": "Semaines au-delà du plafond",
    "%(n)s send": "%(n)s envoi",
    "%(n)s sends": "%(n)s envois",
    "%(n)s week": "%(n)s semaine",
    "%(n)s weeks": "%(n)s semaines",
    "none": "aucune",
    "The client’s cap: %(n)s send per segment per week (automated scenarios not counted).": (
        f"Plafond du client{_NNBSP}: %(n)s envoi par segment et par semaine (hors scénarios "
        "automatisés)."
    ),
    "The client’s cap: %(n)s sends per segment per week (automated scenarios not counted).": (
        f"Plafond du client{_NNBSP}: %(n)s envois par segment et par semaine (hors scénarios "
        "automatisés)."
    ),
    "No segment was targeted this quarter.": "Aucun segment ciblé ce trimestre.",
    "A/B learnings": "Enseignements des tests A/B",
    "Winner: %(variant)s": f"Gagnante{_NNBSP}: %(variant)s",
    "%(lift)s more %(metric)s than the runner-up": (
        "%(lift)s de %(metric)s de plus que la variante suivante"
    ),
    "chosen by hand by %(who)s": "choisie manuellement par %(who)s",
    "No significant winner": "Pas de gagnante significative",
    "tested on %(metric)s": "testé sur les %(metric)s",
    "No A/B test this quarter.": "Aucun test A/B ce trimestre.",
    "Roadmap": "Feuille de route",
    "No roadmap written for this quarter yet.": (
        "Pas encore de feuille de route rédigée pour ce trimestre."
    ),
    "Campaigns planned next quarter": "Campagnes prévues au trimestre suivant",
    "Every campaign of the quarter": "Toutes les campagnes du trimestre",
    "Campaign": "Campagne",
    "Type": "Type",
    "Open rate": "Tx d’ouv.",
    "CTR": "Tx de clic",
    "CTOR": "Réactivité",
    "Unsub. rate": "Tx de désinscr.",
    "Conv.": "Conv.",
    "Revenue (€)": "CA (€)",
    "No figures": "Pas de chiffres",
    "Quarter total": "Total du trimestre",
    "Opens probably inflated by privacy proxies (Apple Mail Privacy Protection): judge these "
    "campaigns on their clicks.": (
        "Ouvertures vraisemblablement gonflées par les proxys de confidentialité (Apple Mail "
        f"Privacy Protection){_NNBSP}: ces campagnes se jugent sur leurs clics."
    ),
    "No campaign in this quarter.": "Aucune campagne ce trimestre.",
    # The core's values (the tables below)
    "Draft": "Brouillon",
    "In production": "En production",
    "BAT": "BAT",
    "Approved": "Validé",
    "Scheduled": "Programmé",
    "Sent": "Envoyé",
    "Analysed": "Analysé",
    "Closed": "Clôturé",
    "Newsletter": "Newsletter",
    "Promotion": "Promotion",
    "Relance": "Relance",
    "Erratum": "Erratum",
    "Automation": "Automatisation",
    "Awaiting the client": "En attente du client",
    "Changes requested": "Modifications demandées",
    "Strategy": "Stratégie",
    "Production": "Production",
    "Analysis": "Analyse",
    "To do": "À faire",
    "Done": "Fait",
    "Not applicable": "Sans objet",
    "Failed": "En échec",
    "BAT %(number)s": "BAT %(number)s",
    "Approval": "Validation",
    "D+5 analysis": "Analyse J+5",
    "clicks": "clics",
    "opens": "ouvertures",
    "conversions": "conversions",
    "Email": "Email",
    "SMS": "SMS",
    "Push": "Push",
    "Informal (tu)": "Tutoiement",
    "Formal (vous)": "Vouvoiement",
    "Delivery rate": "Taux de délivrabilité",
    "Unique open rate": "Taux d’ouverture unique",
    "Click rate": "Taux de clic",
    "Click-to-open rate (CTOR)": "Taux de réactivité (CTOR)",
    "Unsubscribe rate": "Taux de désinscription",
    "Hard bounce rate": "Taux de hard bounce",
    "Soft bounce rate": "Taux de soft bounce",
    "Complaint rate": "Taux de plainte",
    "Conversion rate (of clickers)": "Taux de conversion (des cliqueurs)",
    "Revenue per delivered email": "CA par email délivré",
    # The activity statement
    "Activity statement": "Relevé d’activité",
    "Period": "Période",
    "Daily rate": "Taux journalier",
    "Hours per day": "Heures par jour",
    "%(hours)s h": f"%(hours)s{_NNBSP}h",
    "%(amount)s excl. VAT": "%(amount)s HT",
    "Time worked": "Temps passé",
    "%(n)s line": "%(n)s ligne",
    "%(n)s lines": "%(n)s lignes",
    "Hours": "Heures",
    "Days": "Jours",
    "Amount excl. VAT": "Montant HT",
    "Phase": "Phase",
    "Outside any campaign": "Hors campagne",
    "Total": "Total",
    "Total hours": "Total des heures",
    "Days worked": "Jours travaillés",
    "Total excl. VAT": "Total HT",
    "No time was recorded for this client over this period.": (
        "Aucun temps n’a été saisi pour ce client sur cette période."
    ),
    "No daily rate is set for this client, so the statement gives hours and days without "
    "amounts.": (
        f"Aucun taux journalier n’est renseigné pour ce client{_NNBSP}: le relevé indique les "
        "heures et les jours, sans montant."
    ),
    "Days are counted at %(hours)s hours a day. Each line is valued at the daily rate and "
    "rounded to the cent; the total is the sum of the rounded lines.": (
        "Les jours sont comptés sur la base de %(hours)s heures par jour. Chaque ligne est "
        f"valorisée au taux journalier et arrondie au centime{_NNBSP}; le total est la somme des "
        "lignes arrondies."
    ),
    "Days are counted at %(hours)s hours a day.": (
        "Les jours sont comptés sur la base de %(hours)s heures par jour."
    ),
    # The client's plan
    "Campaign plan": "Planning des campagnes",
    "Monday": "Lundi",
    "Tuesday": "Mardi",
    "Wednesday": "Mercredi",
    "Thursday": "Jeudi",
    "Friday": "Vendredi",
    "Saturday": "Samedi",
    "Sunday": "Dimanche",
    "D+%(days)s": "J+%(days)s",
    "No send planned this month.": "Aucun envoi prévu ce mois-ci.",
    "Times on the %(zone)s clock.": "Horaires exprimés dans le fuseau %(zone)s.",
    "Legend": "Légende",
    "Send: time, subject, segments": f"Envoi{_NNBSP}: heure, objet, segments",
    "BAT: the proof to approve by this day": f"BAT{_NNBSP}: bon à tirer à valider ce jour-là",
    "D+%(days)s: results analysis": f"J+%(days)s{_NNBSP}: analyse des résultats",
    "Blackout date: no send": f"Date à éviter{_NNBSP}: pas d’envoi",
    "Other date to note": "Autre date à noter",
    "Public holiday": "Jour férié",
    "Please check these dates and tell us of any change: each BAT must be approved by the "
    "day shown for the send to go out as planned.": (
        f"Merci de vérifier ces dates et de nous signaler tout changement{_NNBSP}: chaque BAT "
        "doit être validé au plus tard le jour indiqué pour que l’envoi parte comme prévu."
    ),
}


def translator(language: str) -> Callable[..., str]:
    """``_(text, **values)``: ``text`` in ``language``, with ``%(name)s`` filled from values
    (``text`` is positional only, so a template may fill a blank called ``text`` too)."""
    table = FRENCH if language == "fr" else {}

    def translate(text: str, /, **values: object) -> str:
        found = table.get(text, text)
        return found % values if values else found

    return translate


_STATUSES = {
    "draft": "Draft",
    "brief": "Brief",
    "production": "In production",
    "bat": "BAT",
    "approved": "Approved",
    "scheduled": "Scheduled",
    "sent": "Sent",
    "analysed": "Analysed",
    "closed": "Closed",
}
_TYPES = {
    "newsletter": "Newsletter",
    "promo": "Promotion",
    "relance": "Relance",
    "erratum": "Erratum",
    "automation": "Automation",
}
_DECISIONS = {
    "pending": "Awaiting the client",
    "changes": "Changes requested",
    "approved": "Approved",
}
_PHASES = {
    "strategy": "Strategy",
    "production": "Production",
    "bat": "BAT",
    "send": "Send",
    "analysis": "Analysis",
}
_STATES = {"todo": "To do", "done": "Done", "not_applicable": "Not applicable", "failed": "Failed"}
_MILESTONES = {
    "brief": "Brief",
    "bat": "BAT %(number)s",
    "approval": "Approval",
    "send": "Send",
    "analysis": "D+5 analysis",
}
_METRICS = {"clicks": "clicks", "opens": "opens", "conversions": "conversions"}
_CHANNELS = {"email": "Email", "sms": "SMS", "push": "Push"}
_TONES = {"tu": "Informal (tu)", "vous": "Formal (vous)"}
#: The KPIs' names as the report prints them, in the report's language rather than the
#: window's (``labels.kpi_label`` follows the application's translator).
_KPIS = {
    "delivery_rate": "Delivery rate",
    "open_rate": "Unique open rate",
    "click_rate": "Click rate",
    "ctor": "Click-to-open rate (CTOR)",
    "unsubscribe_rate": "Unsubscribe rate",
    "hard_bounce_rate": "Hard bounce rate",
    "soft_bounce_rate": "Soft bounce rate",
    "complaint_rate": "Complaint rate",
    "conversion_rate": "Conversion rate (of clickers)",
    "revenue_per_delivered": "Revenue per delivered email",
}


class Labels:
    """The names of the core's values (statuses, decisions…) in the report's language."""

    def __init__(self, language: str) -> None:
        self._ = translator(language)

    def status(self, value: str) -> str:
        return self._(_STATUSES.get(value, value))

    def type(self, value: str) -> str:
        return self._(_TYPES.get(value, value))

    def decision(self, value: str | None) -> str:
        return self._(_DECISIONS.get(value or "", value or ""))

    def phase(self, value: str) -> str:
        return self._(_PHASES.get(value, value))

    def state(self, value: str) -> str:
        return self._(_STATES.get(value, value))

    def metric(self, value: str) -> str:
        return self._(_METRICS.get(value, value))

    def channel(self, value: str) -> str:
        return self._(_CHANNELS.get(value, value))

    def tone(self, value: str | None) -> str:
        return self._(_TONES.get(value or "", value or ""))

    def kpi(self, key: str) -> str:
        return self._(_KPIS.get(key, key))

    def milestone(self, kind: str, number: int | None = None) -> str:
        text = _MILESTONES.get(kind, kind)
        return self._(text, number=number) if "%(number)s" in text else self._(text)

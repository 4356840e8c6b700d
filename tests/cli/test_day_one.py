"""Day one on the command line: from an empty workspace to a first recap, with the commands
only (no demo, no Python API), as a script or a new user would."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]
STATS = REPO / "tests" / "core" / "stats" / "fixtures" / "mailchimp_all_campaigns.csv"
EMAIL = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Soldes</title></head>
<body><p>Bonjour, les soldes commencent demain.</p>
<a href="https://verlaine.example/soldes?utm_source=crm&amp;utm_medium=email">Voir les soldes</a>
<a href="https://verlaine.example/desinscription">Se désinscrire</a></body></html>
"""


def run(data_dir: Path, *args: object) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CRMDESK_DATA_DIR": str(data_dir),
        "LANG": "fr_FR.UTF-8",
    }
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "crmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=REPO,
    )


def ok(data_dir: Path, *args: object) -> str:
    done = run(data_dir, *args)
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return done.stdout


def test_the_whole_chain_from_an_empty_workspace_names_the_operator_on_the_recap(
    tmp_path: Path, data_dir: Path
) -> None:
    db = tmp_path / "mon-espace.sqlite"  # does not exist yet: the first command creates it
    email = tmp_path / "soldes.html"
    email.write_text(EMAIL, encoding="utf-8")

    assert run(data_dir, "profile", "--db", db).returncode == 2  # nothing there yet
    ok(data_dir, "profile", "--db", db, "--name", "Camille Moreau", "--email", "camille@cm.fr")
    assert "Camille Moreau <camille@cm.fr>" in ok(data_dir, "profile", "--db", db)
    ok(
        data_dir,
        "client",
        "add",
        "Maison Verlaine",
        "--db",
        db,
        "--colour",
        "#DB2777",
        "--pressure-cap",
        "2",
        "--daily-rate",
        "550",
    )
    ok(
        data_dir,
        "segment",
        "add",
        "--client",
        "maison verlaine",
        "Abonnés",
        "--size",
        "2000",
        "--db",
        db,
    )
    ok(
        data_dir,
        "contact",
        "add",
        "--client",
        "Maison Verlaine",
        "--name",
        "Claire Dubois",
        "--email",
        "claire@verlaine.fr",
        "--role",
        "marketing",
        "--bat",
        "--db",
        db,
    )
    campaign = ok(
        data_dir,
        "campaign",
        "add",
        "--client",
        "Maison Verlaine",
        "--name",
        "Soldes d'hiver J-1",
        "--send",
        "2026-01-09 09:30",
        "--segment",
        "abonnés",
        "--status",
        "sent",
        "--subject",
        "Les soldes, c'est demain !",
        "--db",
        db,
    ).strip()
    assert campaign.isdigit()

    clients = json.loads(ok(data_dir, "client", "list", "--json", "--db", db))
    assert [(c["name"], c["colour"], c["pressure_cap"], c["daily_rate"]) for c in clients] == [
        ("Maison Verlaine", "#db2777", 2, "550.00")
    ]
    segments = json.loads(
        ok(data_dir, "segment", "list", "--client", "Maison Verlaine", "--json", "--db", db)
    )
    assert [(s["name"], s["size"]) for s in segments] == [("Abonnés", 2000)]
    contacts = json.loads(
        ok(data_dir, "contact", "list", "--client", "Maison Verlaine", "--json", "--db", db)
    )
    assert [(c["name"], c["role"], c["receives_bat"]) for c in contacts] == [
        ("Claire Dubois", "marketing", True)
    ]

    assert "BAT 1 importé" in ok(
        data_dir, "bat", "import", email, "--db", db, "--campaign", campaign
    )
    checked = run(data_dir, "check", email, "--db", db, "--campaign", campaign, "--record")
    assert checked.returncode in (0, 1), checked.stderr
    assert "Enregistré sur la campagne" in checked.stdout
    ok(data_dir, "import-stats", STATS, "--db", db, "--campaign", campaign, "--on", "2026-01-14")
    stats = json.loads(ok(data_dir, "stats", "--db", db, "--campaign", campaign, "--json"))
    assert stats["reference_day"] == 5

    recap = tmp_path / "recap.pdf"
    ok(
        data_dir,
        "export-recap",
        "--db",
        db,
        "--campaign",
        campaign,
        "--out",
        recap,
        "--lang",
        "fr",
        "--today",
        "2026-01-20",
    )
    text = " ".join(page.extract_text() for page in PdfReader(recap).pages)
    assert "Camille Moreau" in text
    assert "BAT 1" in text and "par Camille Moreau" in " ".join(text.split())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_input_gets_one_sentence_exit_2_and_writes_nothing(
    tmp_path: Path, data_dir: Path
) -> None:
    db = tmp_path / "w.sqlite"
    ok(data_dir, "client", "add", "Maison Verlaine", "--db", db)
    before = digest(db)
    refusals = {
        ("client", "add", "MAISON VERLAINE"): "already exists",
        ("client", "add", "Atelier", "--colour", "vert pomme"): "not a colour",
        ("client", "add", "Atelier", "--timezone", "Europe/Lyon"): "Unknown time zone",
        ("client", "add", "Atelier", "--sender-email", "news@"): "not an email address",
        ("segment", "add", "--client", "Inconnu", "Abonnés"): "No client named “Inconnu”",
        (
            "contact",
            "add",
            "--client",
            "Maison Verlaine",
            "--name",
            "X",
            "--email",
            "x@",
        ): "not an email address",
        (
            "campaign",
            "add",
            "--client",
            "Maison Verlaine",
            "--name",
            "Soldes",
            "--send",
            "2026-02-31 09:00",
        ): "n’est pas une date",
        (
            "campaign",
            "add",
            "--client",
            "Maison Verlaine",
            "--name",
            "Soldes",
            "--send",
            "2026-02-03 09:00",
            "--segment",
            "Nulle part",
        ): "no segment named “Nulle part”",
        ("profile", "--name", "Camille", "--colour", "bleu"): "not a colour",
    }
    for args, sentence in refusals.items():
        done = run(data_dir, *args, "--db", db)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert sentence in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert digest(db) == before


def test_an_archived_client_leaves_the_list_and_comes_back(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "w.sqlite"
    ok(data_dir, "client", "add", "Maison Verlaine", "--db", db)
    ok(data_dir, "client", "add", "Atelier Rivage", "--db", db)
    ok(data_dir, "client", "archive", "maison verlaine", "--db", db)
    names = [c["name"] for c in json.loads(ok(data_dir, "client", "list", "--json", "--db", db))]
    assert names == ["Atelier Rivage"]
    every = json.loads(ok(data_dir, "client", "list", "--json", "--archived", "--db", db))
    assert [(c["name"], c["archived"]) for c in every] == [
        ("Atelier Rivage", False),
        ("Maison Verlaine", True),
    ]
    refused = run(
        data_dir,
        "campaign",
        "add",
        "--client",
        "Maison Verlaine",
        "--name",
        "X",
        "--send",
        "2027-01-05 09:00",
        "--db",
        db,
    )
    assert refused.returncode == 2 and "archived" in refused.stderr
    ok(data_dir, "client", "restore", "Maison Verlaine", "--db", db)
    ok(
        data_dir,
        "client",
        "edit",
        "Maison Verlaine",
        "--rename",
        "Maison Verlaine Paris",
        "--pressure-cap",
        "4",
        "--db",
        db,
    )
    after = json.loads(ok(data_dir, "client", "list", "--json", "--db", db))
    assert [(c["name"], c["pressure_cap"]) for c in after] == [
        ("Atelier Rivage", 3),
        ("Maison Verlaine Paris", 4),
    ]


HOLDER = """
import sys
from crmdesk.core.db import Workspace
workspace = Workspace.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
workspace.close()
"""


def test_read_only_commands_work_while_the_app_holds_the_workspace(
    tmp_path: Path, data_dir: Path
) -> None:
    db = tmp_path / "w.sqlite"
    email = tmp_path / "soldes.html"
    email.write_text(EMAIL, encoding="utf-8")
    ok(data_dir, "profile", "--db", db, "--name", "Camille Moreau")
    ok(data_dir, "client", "add", "Maison Verlaine", "--db", db)
    ok(data_dir, "segment", "add", "--client", "Maison Verlaine", "Abonnés", "--db", db)
    ok(
        data_dir,
        "contact",
        "add",
        "--client",
        "Maison Verlaine",
        "--name",
        "Claire",
        "--email",
        "claire@verlaine.fr",
        "--db",
        db,
    )
    campaign = ok(
        data_dir,
        "campaign",
        "add",
        "--client",
        "Maison Verlaine",
        "--name",
        "Soldes d'hiver J-1",
        "--send",
        "2026-01-09 09:30",
        "--status",
        "sent",
        "--db",
        db,
    ).strip()
    ok(data_dir, "import-stats", STATS, "--db", db, "--campaign", campaign, "--on", "2026-01-14")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "CRMDESK_DATA_DIR": str(data_dir)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        assert "Soldes" in ok(data_dir, "campaigns", "--db", db)
        assert "Maison Verlaine" in ok(data_dir, "client", "list", "--db", db)
        assert "Abonnés" in ok(
            data_dir, "segment", "list", "--client", "Maison Verlaine", "--db", db
        )
        assert "claire@verlaine.fr" in ok(
            data_dir, "contact", "list", "--client", "Maison Verlaine", "--db", db
        )
        assert "Camille Moreau" in ok(data_dir, "profile", "--db", db)
        assert "Chiffres à J+5" in ok(data_dir, "stats", "--db", db, "--campaign", campaign)
        checked = run(data_dir, "check", email, "--db", db, "--campaign", campaign)
        assert checked.returncode in (0, 1), checked.stderr
        recap = tmp_path / "recap.pdf"
        ok(data_dir, "export-recap", "--db", db, "--campaign", campaign, "--out", recap)
        assert "Camille Moreau" in " ".join(p.extract_text() for p in PdfReader(recap).pages)

        before = digest(db)
        refused = run(data_dir, "client", "add", "Atelier", "--db", db)
        assert refused.returncode == 2
        assert "already open in another crmdesk" in refused.stderr
        assert digest(db) == before
    finally:
        holder.communicate("\n", timeout=30)


PLAN = (
    "Annonceur;Campagne;Date d'envoi;Heure;Type;Cible;Statut;Objet\r\n"
    "Maison Verlaine;Soldes d'hiver;07/01/2027;9h30;Promo;Abonnés actifs;Brouillon;Les soldes\r\n"
    ";;;;;;;\r\n"
    "Atelier Rivage;Lancement;20/01/2027;;;;Programmé;Nouveau\r\n"
    "Total;;;;;;;\r\n"
)


def test_a_plan_comes_in_once_goes_out_and_comes_back_unchanged(
    tmp_path: Path, data_dir: Path
) -> None:
    db = tmp_path / "w.sqlite"
    source = tmp_path / "plan.csv"
    source.write_bytes(PLAN.encode("cp1252"))
    ok(data_dir, "client", "add", "Maison Verlaine", "--db", db)
    dry = ok(data_dir, "import-plan", source, "--dry-run", "--db", db)
    assert "2 campagnes à importer" in dry and "1 nouveau client" in dry
    assert json.loads(ok(data_dir, "campaigns", "--json", "--db", db)) == []

    done = ok(data_dir, "import-plan", source, "--db", db)
    assert "2 campagnes importées, 0 déjà là, 1 nouveau client, 1 nouveau segment" in done
    assert "2 lignes vides ou de total ignorées" in done
    listed = json.loads(ok(data_dir, "campaigns", "--json", "--db", db))
    assert sorted((c["client"], c["name"], c["status"]) for c in listed) == [
        ("Atelier Rivage", "Lancement", "scheduled"),
        ("Maison Verlaine", "Soldes d'hiver", "draft"),
    ]
    assert "0 campagne importée, 2 déjà là" in ok(data_dir, "import-plan", source, "--db", db)
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"export.{suffix}"
        written = ok(data_dir, "export-plan", "--out", out, "--db", db)
        assert "Écrit dans" in written and "\u00a0: 2 campagnes" in written
        again = ok(data_dir, "import-plan", out, "--db", db)
        assert "0 campagne importée, 2 déjà là, 0 nouveau client, 0 nouveau segment" in again
    assert json.loads(ok(data_dir, "campaigns", "--json", "--db", db)) == listed

    bad = tmp_path / "plan-faux.csv"
    bad.write_bytes(PLAN.replace("20/01/2027", "31/02/2027").encode("cp1252"))
    refused = run(data_dir, "import-plan", bad, "--db", db)
    assert refused.returncode == 2
    assert 'Line 4, column "Date d\'envoi": "31/02/2027" is not a date' in refused.stderr
    assert json.loads(ok(data_dir, "campaigns", "--json", "--db", db)) == listed


def test_a_clients_contact_list_comes_in_once_and_a_bad_address_writes_nothing(
    tmp_path: Path, data_dir: Path
) -> None:
    db = tmp_path / "w.sqlite"
    ok(data_dir, "client", "add", "Maison Verlaine", "--db", db)
    good = tmp_path / "contacts.csv"
    good.write_bytes(
        "Prénom;Nom;E-mail;Équipe;RACI\r\n"
        "Claire;Dubois;claire@verlaine.fr;Marketing;A\r\n"
        "Marc;Leroy;marc@verlaine.fr;Data;C\r\n"
        "Standard;;;Client;I\r\n".encode("cp1252")
    )
    assert "3 contacts ajoutés, 0 déjà là" in ok(
        data_dir, "contact", "import", good, "--client", "Maison Verlaine", "--db", db
    )
    listed = json.loads(
        ok(data_dir, "contact", "list", "--client", "Maison Verlaine", "--json", "--db", db)
    )
    assert sorted((c["name"], c["role"], c["raci"], c["receives_bat"]) for c in listed) == [
        ("Claire Dubois", "marketing", "accountable", True),
        ("Marc Leroy", "data", "consulted", True),
        ("Standard", "client", "informed", False),
    ]
    assert "0 contact ajouté, 3 déjà là" in ok(
        data_dir, "contact", "import", good, "--client", "Maison Verlaine", "--db", db
    )
    bad = tmp_path / "contacts-faux.csv"
    bad.write_text("Nom;Email\nLéa Martin;lea@verlaine.fr\nPaul;paul@\n", encoding="utf-8")
    refused = run(data_dir, "contact", "import", bad, "--client", "Maison Verlaine", "--db", db)
    assert refused.returncode == 2
    assert 'Line 3, column "Email": "paul@" is not an email address.' in refused.stderr
    again = json.loads(
        ok(data_dir, "contact", "list", "--client", "Maison Verlaine", "--json", "--db", db)
    )
    assert len(again) == 3, "nothing of the refused file was written"


def test_the_command_lines_campaign_choices_are_the_models_values() -> None:
    """Spelt out in the CLI so parsing loads no ORM; they must not drift from the models."""
    from crmdesk import cli
    from crmdesk.core.models import CampaignStatus, CampaignType

    assert cli.CAMPAIGN_TYPES == tuple(t.value for t in CampaignType)
    assert cli.STATUSES == tuple(s.value for s in CampaignStatus)

"""`manage.py allocate_workshops` on files, with no database query."""

import csv

import pytest
from django.core.management import CommandError, call_command


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    w = write(tmp_path / "w.csv", "theme,session,capacity\nA,S1,2\nB,S1,2\nA,S2,2\nB,S2,2\n")
    r = write(tmp_path / "r.csv", "attendee,sessions,choices\nx,S1 S2,A B\ny,S1 S2,A B\nz,S1,B A\n")
    return w, r, str(tmp_path / "out.csv")


def run(w, r, out, capsys):
    call_command("allocate_workshops", workshops=w, registrations=r, output=out)
    return capsys.readouterr().out.strip().splitlines()


def test_writes_one_row_per_attendee_session_and_prints_the_objective_last(files, capsys):
    w, r, out = files
    lines = run(w, r, out, capsys)
    with open(out, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["attendee"], row["session"]) for row in rows] == [
        ("x", "S1"),
        ("x", "S2"),
        ("y", "S1"),
        ("y", "S2"),
        ("z", "S1"),
    ]
    ranks = {"x": ["A", "B"], "y": ["A", "B"], "z": ["B", "A"]}
    objective = sum((ranks[row["attendee"]].index(row["theme"]) + 1) ** 2 for row in rows)
    assert lines[-1] == f"objective={objective}"
    assert objective == 11


def test_runs_without_touching_the_database(files, capsys):
    """No django_db mark: pytest-django makes any query raise, so finishing proves none ran."""
    w, r, out = files
    assert run(w, r, out, capsys)[-1].startswith("objective=")


@pytest.mark.parametrize(
    ("workshops", "registrations", "message"),
    [
        (
            "theme,session,capacity\nA,S1,deux\n",
            "attendee,sessions,choices\nx,S1,A\n",
            "w.csv, ligne 2 : capacité « deux »",
        ),
        ("theme,session\nA,S1\n", "attendee,sessions,choices\nx,S1,A\n", "colonnes manquantes capacity"),
        (
            "theme,session,capacity\nA,S1,2\nA,S1,3\n",
            "attendee,sessions,choices\nx,S1,A\n",
            "ligne 3 : le thème A est déjà proposé",
        ),
        (
            "theme,session,capacity\nA,S1,2\n",
            "attendee,sessions,choices\nx,S1,A\ny,S9,A\n",
            "r.csv, ligne 3 : session inconnue « S9 »",
        ),
        (
            "theme,session,capacity\nA,S1,2\n",
            "attendee,sessions,choices\nx,S1,Z\n",
            "r.csv, ligne 2 : thème inconnu « Z »",
        ),
        (
            "theme,session,capacity\nA,S1,2\n",
            "attendee,sessions,choices\nx,S1,A\nx,S1,A\n",
            "ligne 3 : participant x en double",
        ),
        (
            "theme,session,capacity\nA,S1,2\n",
            "attendee,sessions,choices\nx,S1,A,extra\n",
            "ligne 2 : nombre de colonnes",
        ),
        ("theme,session,capacity\nA,S1,1\n", "attendee,sessions,choices\nx,S1,A\ny,S1,A\n", "il manque 1 places"),
    ],
)
def test_invalid_files_get_a_french_error_naming_the_line(tmp_path, workshops, registrations, message):
    w = write(tmp_path / "w.csv", workshops)
    r = write(tmp_path / "r.csv", registrations)
    with pytest.raises(CommandError, match=message):
        call_command("allocate_workshops", workshops=w, registrations=r, output=str(tmp_path / "o.csv"))


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command(
            "allocate_workshops",
            workshops=str(tmp_path / "absent.csv"),
            registrations=str(tmp_path / "absent2.csv"),
            output=str(tmp_path / "o.csv"),
        )


def test_command_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    w = write(tmp_path / "w.csv", "theme,session,capacity\nA,S1,x\n")
    r = write(tmp_path / "r.csv", "attendee,sessions,choices\nx,S1,A\n")
    proc = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "allocate_workshops",
            "--workshops",
            w,
            "--registrations",
            r,
            "--output",
            str(tmp_path / "o.csv"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
    )
    assert proc.returncode != 0
    assert "ligne 2" in proc.stderr

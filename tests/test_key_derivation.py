"""The key derivation of an encrypted journal is the documented one: SQLCipher 4's
PBKDF2-HMAC-SHA512 at 256,000 iterations, 4 KiB pages and HMAC-SHA512. Checked from outside the
program: a fresh sqlcipher3 connection in its own process, with every setting given explicitly
(no cipher_compatibility), must open the journal, and the same connection with SQLCipher 3's
settings (PBKDF2-HMAC-SHA1 at 64,000 iterations) must not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PASSPHRASE
from helpers import invoke

pytest.importorskip("sqlcipher3")

DOCUMENTED = {
    "kdf_iter": "256000",
    "cipher_page_size": "4096",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
}
SQLCIPHER_3 = {
    "kdf_iter": "64000",
    "cipher_page_size": "1024",
    "cipher_hmac_algorithm": "HMAC_SHA1",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA1",
}

# Its own process, so nothing the program set in this one (cipher_default_compatibility is
# process-wide) can help it open the file.
OPEN = """
import sys
from sqlcipher3 import dbapi2
path, passphrase, *settings = sys.argv[1:]
conn = dbapi2.connect(path)
conn.execute("PRAGMA cipher_log_level = NONE")
conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
for setting in settings:
    name, value = setting.split("=")
    conn.execute(f"PRAGMA {name} = {value}")
try:
    print(conn.execute("SELECT text FROM entries").fetchall()[0][0])
except dbapi2.DatabaseError as exc:
    print("refused:", exc)
    sys.exit(3)
"""


def open_with(path: Path, settings: dict[str, str]) -> subprocess.CompletedProcess[str]:
    argv = [f"{name}={value}" for name, value in settings.items()]
    return subprocess.run(
        [sys.executable, "-c", OPEN, str(path), PASSPHRASE, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.usefixtures("passphrase_file")
def test_an_encrypted_journal_opens_with_the_documented_settings_only(db_path: Path) -> None:
    added = invoke("add", "sealed words", "-m", "4", "--encrypted")
    assert added.exit_code == 0, added.stderr
    with_documented = open_with(db_path, DOCUMENTED)
    assert with_documented.returncode == 0, with_documented.stderr
    assert with_documented.stdout == "sealed words\n"
    with_v3 = open_with(db_path, SQLCIPHER_3)
    assert with_v3.returncode == 3, with_v3.stderr
    assert "not a database" in with_v3.stdout
    # Each documented setting matters: change any one of them and the journal stays shut.
    for name, value in SQLCIPHER_3.items():
        one_off = open_with(db_path, {**DOCUMENTED, name: value})
        assert one_off.returncode == 3, (name, one_off.stdout, one_off.stderr)
